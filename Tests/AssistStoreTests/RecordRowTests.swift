import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Records read from rows by column name")
struct RecordRowTests {
    /// Stores the record GRDB's way (through `Encodable`), reads it back through the record's own
    /// `init(row:)`, and returns what was read, its id set.
    private static func roundTrip<Record: StoredRecord & Equatable>(_ record: Record, _ db: Database) throws -> (stored: Record, read: Record?) {
        var stored = record
        try stored.insert(db)
        let read = try Record.fetchOne(db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE rowid = ?", arguments: [db.lastInsertedRowID])
        return (stored, read)
    }

    @Test("tickets, messages, events and notifications read back exactly what was stored: every column in its place, NULLs as nil")
    func readBackWhatWasStored() async throws {
        let store = try AppDatabase.inMemory()
        let fixture = try await StoreFixture.make(store)
        // Whole seconds, each column its own, so a column read into another's place shows.
        try await store.writer.write { db in
            let at = { (offset: Int) in Date(timeIntervalSince1970: 1_795_555_815 + TimeInterval(offset)) }
            let ticket = TicketRecord(
                id: nil, tid: "2026-999999", customerId: fixture.customer.id, subject: "Тема", description: "Описание",
                stepsToReproduce: "шаги", productVersion: "5.2", problemClass: "operational", senderEmail: "a@b.ru", receivedAt: at(1),
                state: "in-progress", stateReason: "cannot-reproduce", slaLevel: "vip", clockStartedAt: at(2), reactionDeadline: at(3),
                calendarRevision: 7, deadlineExplanation: "[\"x\"]", firstResponseAt: at(4), reactionMet: true, rating: 5,
                ratingComment: "спасибо", createdByUserId: fixture.agent.id, splitFrom: "2026-000001", operationalConfirmedAt: at(5),
                nextReactionSince: at(6), nextReactionDue: at(7))
            var bareTicket = ticket
            bareTicket.tid = "2026-999998"
            (bareTicket.stepsToReproduce, bareTicket.stateReason, bareTicket.firstResponseAt, bareTicket.reactionMet) = (nil, nil, nil, nil)
            (bareTicket.rating, bareTicket.ratingComment, bareTicket.createdByUserId, bareTicket.splitFrom) = (nil, nil, nil, nil)
            (bareTicket.operationalConfirmedAt, bareTicket.nextReactionSince, bareTicket.nextReactionDue) = (nil, nil, nil)
            var unmet = ticket
            (unmet.tid, unmet.reactionMet) = ("2026-999997", false)
            for record in [ticket, bareTicket, unmet] {
                let trip = try Self.roundTrip(record, db)
                #expect(trip.read == trip.stored)
            }

            let message = TicketMessageRecord(
                id: nil, ticketId: fixture.ticket.id, author: "agent", authorUserId: fixture.agent.id, authorEmail: "agent@istom.ru",
                body: "Ответ", channel: "email", inboundMessageId: "<m1@example.ru>", createdAt: at(8))
            var bareMessage = message
            (bareMessage.authorUserId, bareMessage.authorEmail, bareMessage.inboundMessageId) = (nil, nil, nil)
            for record in [message, bareMessage] {
                let trip = try Self.roundTrip(record, db)
                #expect(trip.read == trip.stored)
            }

            let event = TicketEventRecord(id: nil, ticketId: fixture.ticket.id, kind: "escalated", detail: "Эскалация", actorUserId: fixture.agent.id, createdAt: at(9))
            var bareEvent = event
            bareEvent.actorUserId = nil
            for record in [event, bareEvent] {
                let trip = try Self.roundTrip(record, db)
                #expect(trip.read == trip.stored)
            }

            let notification = NotificationRecord(
                id: nil, kind: "ticket-accepted", ticketId: fixture.ticket.id, recipient: "a@b.ru", subject: "Заявка", body: "Текст",
                createdAt: at(10), sentAt: at(11), state: "deferred", attempts: 3, nextAttemptAt: at(12), claimedAt: at(13),
                lastReply: "451 4.7.1 later", messageId: "<n1.abc@istom.ru>")
            let queued = NotificationRecord(
                id: nil, kind: "mail-failed", ticketId: nil, recipient: "admin@istom.ru", subject: "S", body: "B", createdAt: at(14), sentAt: nil)
            for record in [notification, queued] {
                let trip = try Self.roundTrip(record, db)
                #expect(trip.read == trip.stored)
            }
        }
    }
}
