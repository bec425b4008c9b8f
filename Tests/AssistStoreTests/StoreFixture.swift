import AssistTestSupport
import AssistCore
import AssistStore
import Foundation

/// A customer, an agent and a free-standard ticket of that customer, made through the store
/// API: what most store tests start from.
struct StoreFixture {
    let database: AppDatabase
    let customer: Customer
    let agent: UserAccount
    let ticket: Ticket

    static func make(_ database: AppDatabase) async throws -> StoreFixture {
        let customer = try await database.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        let agent = try await database.createUser(NewUser(displayName: "Иван", email: nil, role: .agent, customerId: nil, phone: nil), at: TestInstant.now)
        let ticket = try await database.acceptTicket(
            NewTicket(customerId: customer.id, subject: "S", description: "D", stepsToReproduce: nil, productVersion: "1",
                      problemClass: .standard, senderEmail: "a@b.ru",
                      deadline: DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: TestInstant.now), createdByUserId: nil),
            at: TestInstant.now).ticket
        return StoreFixture(database: database, customer: customer, agent: agent, ticket: ticket)
    }
}
