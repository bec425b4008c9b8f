import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Rows inserted through prepared statements")
struct PreparedInsertTests {
    /// Inserts the record GRDB's way and the prepared way, one after the other (each row removed
    /// after it is read, so unique columns do not collide), and returns both rows without their ids.
    private static func bothRows<Record: PreparedInsert>(_ record: Record, _ db: Database) throws -> (grdb: [String: DatabaseValue], prepared: [String: DatabaseValue]) {
        func row(_ id: Int64?) throws -> [String: DatabaseValue] {
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE id = ?", arguments: [id]))
            var columns: [String: DatabaseValue] = [:]
            for (column, value) in row where column != "id" { columns[column] = value }
            return columns
        }
        // Every stored property but the id is a column the prepared statement binds (GRDB refuses
        // arguments that do not match the placeholders).
        let properties = Mirror(reflecting: record).children.count - 1
        #expect(Record.insertSQL.filter { $0 == "?" }.count == properties, "\(Record.self): a placeholder per property")
        var byGRDB = record
        try byGRDB.insert(db)
        let grdb = try row(byGRDB.id)
        try db.execute(sql: "DELETE FROM \(Record.databaseTableName) WHERE id = ?", arguments: [byGRDB.id])
        var prepared = record
        try prepared.insertPrepared(db)
        #expect(prepared.id != nil && prepared.id != byGRDB.id, "the prepared insert sets the new row's id")
        let preparedRow = try row(prepared.id)
        try db.execute(sql: "DELETE FROM \(Record.databaseTableName) WHERE id = ?", arguments: [prepared.id])
        return (grdb, preparedRow)
    }

    @Test("every prepared insert writes the very row GRDB's insert writes: each column, dates as StoredTime text, booleans as 0/1, NULLs")
    func sameRowsAsGRDB() async throws {
        let store = try AppDatabase.inMemory()
        let fixture = try await StoreFixture.make(store)
        let at = Date(timeIntervalSince1970: 1_795_555_815.678_9)
        let later = at.addingTimeInterval(3_600.000_4)
        try await store.writer.write { db in
            let full = TicketRecord(
                id: nil, tid: "2026-999999", customerId: fixture.customer.id, subject: "Тема", description: "Описание\n\"кавычки\"",
                stepsToReproduce: "шаги", productVersion: "5.2", problemClass: "operational", senderEmail: "a@b.ru", receivedAt: at,
                state: "in-progress", stateReason: "cannot-reproduce", slaLevel: "vip", clockStartedAt: at, reactionDeadline: later,
                calendarRevision: 3, deadlineExplanation: "[\"x\"]", firstResponseAt: later, reactionMet: true, rating: 5,
                ratingComment: "спасибо", createdByUserId: fixture.agent.id, splitFrom: "2026-000001", operationalConfirmedAt: at,
                nextReactionSince: at, nextReactionDue: later)
            var empty = full
            (empty.stepsToReproduce, empty.stateReason, empty.firstResponseAt, empty.reactionMet, empty.rating) = (nil, nil, nil, nil, nil)
            (empty.ratingComment, empty.createdByUserId, empty.splitFrom, empty.operationalConfirmedAt) = (nil, nil, nil, nil)
            (empty.nextReactionSince, empty.nextReactionDue) = (nil, nil)
            var unmet = full
            unmet.reactionMet = false
            for record in [full, empty, unmet] {
                let rows = try Self.bothRows(record, db)
                #expect(rows.prepared == rows.grdb)
            }

            let message = TicketMessageRecord(
                id: nil, ticketId: fixture.ticket.id, author: "agent", authorUserId: fixture.agent.id, authorEmail: "agent@istom.ru",
                body: "Ответ", channel: "email", inboundMessageId: "<m1@example.ru>", createdAt: later)
            var bareMessage = message
            (bareMessage.authorUserId, bareMessage.authorEmail, bareMessage.inboundMessageId) = (nil, nil, nil)
            for record in [message, bareMessage] {
                let rows = try Self.bothRows(record, db)
                #expect(rows.prepared == rows.grdb)
            }

            let event = TicketEventRecord(id: nil, ticketId: fixture.ticket.id, kind: "escalated", detail: "Эскалация", actorUserId: fixture.agent.id, createdAt: at)
            var bareEvent = event
            bareEvent.actorUserId = nil
            for record in [event, bareEvent] {
                let rows = try Self.bothRows(record, db)
                #expect(rows.prepared == rows.grdb)
            }

            let notification = NotificationRecord(
                id: nil, kind: "ticket-accepted", ticketId: fixture.ticket.id, recipient: "a@b.ru", subject: "Заявка", body: "Текст",
                createdAt: at, sentAt: later, state: "deferred", attempts: 3, nextAttemptAt: later, claimedAt: at,
                lastReply: "451 4.7.1 later", messageId: "<n1.abc@istom.ru>")
            let queued = NotificationRecord(
                id: nil, kind: "mail-failed", ticketId: nil, recipient: "admin@istom.ru", subject: "S", body: "B", createdAt: at, sentAt: nil)
            for record in [notification, queued] {
                let rows = try Self.bothRows(record, db)
                #expect(rows.prepared == rows.grdb)
            }
        }
    }
}
