import AssistCore
import Foundation
import GRDB

/// A row of `notification` (the outbox).
struct NotificationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "notification"

    var id: Int64?
    var kind: String
    var ticketId: Int64?
    var recipient: String
    var subject: String
    var body: String
    var createdAt: Date
    var sentAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var notification: OutboxNotification {
        OutboxNotification(id: id ?? 0, kind: kind, ticketId: ticketId, recipient: recipient, subject: subject, body: body, createdAt: createdAt)
    }
}
