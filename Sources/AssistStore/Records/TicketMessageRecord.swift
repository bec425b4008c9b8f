import AssistCore
import Foundation
import GRDB

/// A row of `ticketMessage`.
struct TicketMessageRecord: PreparedInsert, Equatable {
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

extension TicketMessageRecord {
    /// Read by column name from the fetching statement's row rather than through GRDB's
    /// `Decodable` row decoder (a keyed container per column): reading a ticket's thread back
    /// after each filed ticket took a fifth less CPU so.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        ticketId = try row.decode(forColumn: "ticketId")
        author = try row.decode(forColumn: "author")
        authorUserId = try row.decode(forColumn: "authorUserId")
        authorEmail = try row.decode(forColumn: "authorEmail")
        body = try row.decode(forColumn: "body")
        channel = try row.decode(forColumn: "channel")
        inboundMessageId = try row.decode(forColumn: "inboundMessageId")
        createdAt = try row.decode(forColumn: "createdAt")
    }
}
