import AssistCore
import Foundation
import GRDB

/// A row of `ticketMessage`.
struct TicketMessageRecord: PreparedInsert {
    static let databaseTableName = "ticketMessage"

    var id: Int64?
    var ticketId: Int64
    var author: String
    var authorUserId: Int64?
    var authorEmail: String?
    var body: String
    var channel: String
    var inboundMessageId: String?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static let insertSQL = """
        INSERT INTO ticketMessage (ticketId, author, authorUserId, authorEmail, body, channel, inboundMessageId, createdAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [ticketId, author, authorUserId, authorEmail, body, channel, inboundMessageId, StoredTime.text(createdAt)]
    }

    var message: TicketMessage {
        TicketMessage(
            id: id ?? 0, ticketId: ticketId, author: TicketMessage.Author(rawValue: author) ?? .customer,
            authorUserId: authorUserId, authorEmail: authorEmail, body: body, channel: MessageChannel(rawValue: channel) ?? .api,
            createdAt: createdAt)
    }
}
