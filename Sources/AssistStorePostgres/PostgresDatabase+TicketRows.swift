import AssistCore
import Foundation
import LibPQ

/// Tickets and their threads read from rows and written back, for every store that touches them.
extension PostgresDatabase {
    static func ticket(_ rows: PostgresRows, _ index: Int) throws -> Ticket {
        let table = "ticket"
        return Ticket(
            id: try rows.requiredInt(index, "id", table: table), tid: try rows.required(index, "tid", table: table),
            customerId: try rows.requiredInt(index, "customerId", table: table), subject: try rows.required(index, "subject", table: table),
            description: try rows.required(index, "description", table: table), stepsToReproduce: rows.text(index, "stepsToReproduce"),
            productVersion: try rows.required(index, "productVersion", table: table),
            problemClass: try rows.value(ProblemClass.self, index, "problemClass", table: table),
            senderEmail: try rows.required(index, "senderEmail", table: table), receivedAt: try rows.requiredInstant(index, "receivedAt", table: table),
            state: try rows.value(TicketState.self, index, "state", table: table),
            stateReason: try rows.text(index, "stateReason").map { _ in try rows.value(PostponeReason.self, index, "stateReason", table: table) },
            slaLevel: try rows.value(SLALevel.self, index, "slaLevel", table: table),
            clockStartedAt: try rows.requiredInstant(index, "clockStartedAt", table: table),
            reactionDeadline: try rows.requiredInstant(index, "reactionDeadline", table: table),
            calendarRevision: Int(try rows.requiredInt(index, "calendarRevision", table: table)),
            deadlineExplanation: StoredLines.lines(try rows.required(index, "deadlineExplanation", table: table)),
            firstResponseAt: rows.instant(index, "firstResponseAt"), reactionMet: rows.bool(index, "reactionMet"),
            rating: rows.int(index, "rating").map(Int.init), ratingComment: rows.text(index, "ratingComment"), splitFrom: rows.text(index, "splitFrom"),
            operationalConfirmedAt: rows.instant(index, "operationalConfirmedAt"), nextReactionSince: rows.instant(index, "nextReactionSince"),
            nextReactionDue: rows.instant(index, "nextReactionDue"))
    }

    /// The ticket's row, locked until the transaction ends: a change decided on it is decided on
    /// the ticket as it stands, whichever node changes it next.
    static func lockedTicket(_ id: Int64, _ connection: PostgresConnection) throws -> Ticket {
        let rows = try connection.query("SELECT * FROM ticket WHERE id = $1::bigint FOR UPDATE", [PostgresParameter(id)])
        guard !rows.rows.isEmpty else { throw TicketStoreError.ticketNotFound }
        return try ticket(rows, 0)
    }

    /// Writes the fields a ticket's life changes, and answers the ticket as stored.
    @discardableResult
    static func update(_ ticket: Ticket, _ connection: PostgresConnection) throws -> Ticket {
        let rows = try connection.query(
            """
            UPDATE ticket SET problemClass = $2, state = $3, stateReason = $4, slaLevel = $5, clockStartedAt = $6::timestamptz,
                reactionDeadline = $7::timestamptz, calendarRevision = $8::integer, deadlineExplanation = $9, firstResponseAt = $10::timestamptz,
                reactionMet = $11::boolean, rating = $12::integer, ratingComment = $13, operationalConfirmedAt = $14::timestamptz,
                nextReactionSince = $15::timestamptz, nextReactionDue = $16::timestamptz
            WHERE id = $1::bigint RETURNING *
            """,
            [PostgresParameter(ticket.id), .text(ticket.problemClass.rawValue), .text(ticket.state.rawValue), PostgresParameter(ticket.stateReason?.rawValue),
             .text(ticket.slaLevel.rawValue), PostgresParameter(ticket.clockStartedAt), PostgresParameter(ticket.reactionDeadline),
             PostgresParameter(ticket.calendarRevision), .text(StoredLines.text(ticket.deadlineExplanation)), PostgresParameter(ticket.firstResponseAt),
             PostgresParameter(ticket.reactionMet), PostgresParameter(ticket.rating), PostgresParameter(ticket.ratingComment),
             PostgresParameter(ticket.operationalConfirmedAt), PostgresParameter(ticket.nextReactionSince), PostgresParameter(ticket.nextReactionDue)])
        guard !rows.rows.isEmpty else { throw TicketStoreError.ticketNotFound }
        return try Self.ticket(rows, 0)
    }

    @discardableResult
    static func recordEvent(_ note: TicketRecordNote, ticketId: Int64, actor: Int64?, at instant: Date, _ connection: PostgresConnection) throws -> TicketEvent {
        let rows = try connection.query(
            "INSERT INTO ticketEvent (ticketId, kind, detail, actorUserId, createdAt) VALUES ($1::bigint, $2, $3, $4::bigint, $5::timestamptz) RETURNING *",
            [PostgresParameter(ticketId), .text(note.kind.rawValue), .text(note.detail), PostgresParameter(actor), PostgresParameter(instant)])
        return try event(rows, 0)
    }

    static func event(_ rows: PostgresRows, _ index: Int) throws -> TicketEvent {
        let table = "ticketEvent"
        return TicketEvent(
            id: try rows.requiredInt(index, "id", table: table), ticketId: try rows.requiredInt(index, "ticketId", table: table),
            kind: try rows.value(TicketEvent.Kind.self, index, "kind", table: table), detail: try rows.required(index, "detail", table: table),
            actorUserId: rows.int(index, "actorUserId"), createdAt: try rows.requiredInstant(index, "createdAt", table: table))
    }

    static func message(_ rows: PostgresRows, _ index: Int) throws -> TicketMessage {
        let table = "ticketMessage"
        return TicketMessage(
            id: try rows.requiredInt(index, "id", table: table), ticketId: try rows.requiredInt(index, "ticketId", table: table),
            author: try rows.value(TicketMessage.Author.self, index, "author", table: table), authorUserId: rows.int(index, "authorUserId"),
            authorEmail: rows.text(index, "authorEmail"), body: try rows.required(index, "body", table: table),
            channel: try rows.value(MessageChannel.self, index, "channel", table: table), createdAt: try rows.requiredInstant(index, "createdAt", table: table))
    }

    static func attachment(_ rows: PostgresRows, _ index: Int) throws -> MessageAttachment {
        let table = "messageAttachment"
        return MessageAttachment(
            id: try rows.requiredInt(index, "id", table: table), messageId: try rows.requiredInt(index, "messageId", table: table),
            fileName: try rows.required(index, "fileName", table: table), mediaType: try rows.required(index, "mediaType", table: table),
            sizeBytes: Int(try rows.requiredInt(index, "sizeBytes", table: table)), sha256: try rows.required(index, "sha256", table: table))
    }

    static func problem(_ rows: PostgresRows, _ index: Int) throws -> TicketProblem {
        let table = "ticketProblem"
        return TicketProblem(
            id: try rows.requiredInt(index, "id", table: table), ticketId: try rows.requiredInt(index, "ticketId", table: table),
            description: try rows.required(index, "description", table: table), addedByUserId: rows.int(index, "addedByUserId"),
            createdAt: try rows.requiredInstant(index, "createdAt", table: table))
    }
}
