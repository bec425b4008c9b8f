import AssistCore
import Foundation
import GRDB

/// A row of `notification` (the outbox).
struct NotificationRecord: PreparedInsert, Equatable {
    static let databaseTableName = "notification"

    var id: Int64?
    var kind: String
    var ticketId: Int64?
    var recipient: String
    var subject: String
    var body: String
    var createdAt: Date
    var sentAt: Date?
    var state: String = DeliveryState.queued.rawValue
    var attempts: Int = 0
    var nextAttemptAt: Date?
    var claimedAt: Date?
    var lastReply: String?
    var messageId: String?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static let insertSQL = """
        INSERT INTO notification (kind, ticketId, recipient, subject, body, createdAt, sentAt, state, attempts, nextAttemptAt,
            claimedAt, lastReply, messageId)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [kind, ticketId, recipient, subject, body, StoredTime.text(createdAt), sentAt.map(StoredTime.text), state, attempts,
         nextAttemptAt.map(StoredTime.text), claimedAt.map(StoredTime.text), lastReply, messageId]
    }

    var notification: OutboxNotification {
        OutboxNotification(
            id: id ?? 0, kind: kind, ticketId: ticketId, recipient: recipient, subject: subject, body: body, createdAt: createdAt,
            state: DeliveryState(rawValue: state) ?? .queued, attempts: attempts, nextAttemptAt: nextAttemptAt, lastReply: lastReply,
            messageId: messageId, sentAt: sentAt)
    }
}

extension NotificationRecord {
    /// Read by column name from the fetching statement's row rather than through GRDB's
    /// `Decodable` row decoder (a keyed container per column): reading a ticket's thread back
    /// after each filed ticket took a fifth less CPU so.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        kind = try row.decode(forColumn: "kind")
        ticketId = try row.decode(forColumn: "ticketId")
        recipient = try row.decode(forColumn: "recipient")
        subject = try row.decode(forColumn: "subject")
        body = try row.decode(forColumn: "body")
        createdAt = try row.decode(forColumn: "createdAt")
        sentAt = try row.decode(forColumn: "sentAt")
        state = try row.decode(forColumn: "state")
        attempts = try row.decode(forColumn: "attempts")
        nextAttemptAt = try row.decode(forColumn: "nextAttemptAt")
        claimedAt = try row.decode(forColumn: "claimedAt")
        lastReply = try row.decode(forColumn: "lastReply")
        messageId = try row.decode(forColumn: "messageId")
    }
}
