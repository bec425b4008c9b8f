import Foundation
import GRDB
import Testing

@testable import AssistStore

/// Migration v25 rebuilds `ticketMessage` to let its CHECK take `staff` (SQLite changes a CHECK
/// only so): on a database with messages, files and ids in use, nothing may be lost.
@Suite("Migration v25: the staff channel")
struct StaffChannelMigrationTests {
    @Test("R-4.5 v25 keeps every message, file link, index and id counter, and marks the first message of tickets staff filed for a sender")
    func rebuildKeepsEverything() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let pool = try DatabasePool(path: path)
        try AppDatabase.migrator.migrate(pool, upTo: "v24 one INN, one customer")
        try await pool.write { db in
            let at = "2026-01-01 00:00:00.000"
            try db.execute(sql: "INSERT INTO customer (id, name, createdAt) VALUES (1, 'A', ?)", arguments: [at])
            try db.execute(sql: "INSERT INTO userAccount (id, displayName, email, role, customerId, createdAt) VALUES (1, 'Агент', 'ag@x.test', 'agent', NULL, ?), (2, 'Клиент', 'cu@x.test', 'customer', 1, ?)", arguments: [at, at])
            for (id, by) in [(1, 1), (2, 2), (3, nil)] as [(Int, Int?)] {
                try db.execute(sql: """
                    INSERT INTO ticket (id, tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state,
                        slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation, createdByUserId)
                    VALUES (?, ?, 1, 's', 'd', '1', 'standard', 'b@x.test', ?, 'new', 'free-standard', ?, ?, 1, '[]', ?)
                    """, arguments: [id, "TID-2026-00000\(id)", at, at, at, by])
            }
            let rows: [[(any DatabaseValueConvertible)?]] = [
                [1, 1, "customer", 1, "b@x.test", "со слов клиента", "api", nil], [2, 1, "agent", 1, "ag@x.test", "ответ", "api", nil],
                [3, 2, "customer", 2, "cu@x.test", "сам", "web", nil], [4, 3, "customer", nil, "b@x.test", "письмо", "email", "<m@x.test>"],
            ]
            for row in rows {
                try db.execute(sql: """
                    INSERT INTO ticketMessage (id, ticketId, author, authorUserId, authorEmail, body, channel, inboundMessageId, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(row + [at]))
            }
            try db.execute(sql: "INSERT INTO attachmentContent (sha256, bytes, sizeBytes) VALUES ('h', x'00', 1)")
            try db.execute(sql: "INSERT INTO messageAttachment (messageId, fileName, mediaType, sha256) VALUES (1, 'a.png', 'image/png', 'h')")
        }
        try pool.close()
        let database = try AppDatabase.openFile(atPath: path)
        try await database.writer.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT channel FROM ticketMessage ORDER BY id") == ["staff", "api", "web", "email"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messageAttachment WHERE messageId = 1") == 1)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'ticketMessage'") == 4)
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticketMessage' ORDER BY name")
            #expect(indexes == ["ticketMessage_inboundMessageId", "ticketMessage_on_ticketId"])
        }
        // The unique Message-ID still holds.
        await #expect(throws: DatabaseError.self) {
            try await database.writer.write { db in
                try db.execute(sql: "INSERT INTO ticketMessage (ticketId, author, body, channel, inboundMessageId, createdAt) VALUES (3, 'customer', 'x', 'email', '<m@x.test>', '2026-01-02 00:00:00.000')")
            }
        }
    }
}
