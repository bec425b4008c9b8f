import AssistCore
import AssistStore
import Foundation

extension AppDatabase {
    /// Files `new` as it is, its level and deadline already fixed: what store tests that are not
    /// about filing terms start from.
    func acceptTicket(_ new: NewTicket, at instant: Date) async throws -> AcceptedTicket {
        try await acceptTicket(customerId: new.customerId, sender: new.senderEmail, splitFrom: nil, at: instant) { _ in new }
    }
}
