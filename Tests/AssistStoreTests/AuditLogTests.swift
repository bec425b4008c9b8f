import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("The audit log")
struct AuditLogTests {
    /// A file database with five entries.
    func seeded() throws -> (AppDatabase, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let store = try AppDatabase.openFile(atPath: path)
        try store.writer.write { db in
            for index in 1...5 {
                try AuditRecorder.append(
                    db, action: "test.action", subject: "ticket:TID-2026-00000\(index)", detail: "entry \(index)", actor: 1,
                    at: Date(timeIntervalSince1970: 1_795_555_815.123 + Double(index)))
            }
        }
        return (store, path)
    }

    /// What someone with write access to the file could do: drop the guards, then edit.
    func tamper(_ store: AppDatabase, _ sql: String) throws {
        try store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_no_update; DROP TRIGGER auditEntry_no_delete; \(sql)")
        }
    }

    @Test("an untouched chain verifies; entries read back exactly")
    func intact() async throws {
        let (store, _) = try seeded()
        #expect(try await store.verifyAuditChain() == .intact(entries: 5))
        let entries = try await store.auditEntries(subject: nil)
        #expect(entries.first?.previousHash == AuditEntry.genesisHash)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
    }

    @Test("SQL itself refuses to change or delete an entry")
    func appendOnly() throws {
        let (store, _) = try seeded()
        #expect(throws: DatabaseError.self) { try store.writer.write { try $0.execute(sql: "UPDATE auditEntry SET detail = 'x' WHERE id = 2") } }
        #expect(throws: DatabaseError.self) { try store.writer.write { try $0.execute(sql: "DELETE FROM auditEntry WHERE id = 2") } }
    }

    @Test("a changed entry is reported", arguments: [
        "UPDATE auditEntry SET detail = 'rewritten' WHERE id = 3",
        "UPDATE auditEntry SET actorUserId = 2 WHERE id = 3",
        "UPDATE auditEntry SET atMillis = atMillis + 1 WHERE id = 3",
    ])
    func changed(sql: String) async throws {
        let (store, _) = try seeded()
        try tamper(store, sql)
        #expect(try await store.verifyAuditChain() == .broken(atEntry: 3, reason: "its content was changed after it was written", laterBreaks: []))
    }

    @Test("a removed entry is reported at the next one")
    func removed() async throws {
        let (store, _) = try seeded()
        try tamper(store, "DELETE FROM auditEntry WHERE id = 2")
        guard case .broken(let entry, _, _) = try await store.verifyAuditChain() else { Issue.record("not detected"); return }
        #expect(entry == 3)
    }

    @Test("reordered entries are reported")
    func reordered() async throws {
        let (store, _) = try seeded()
        try tamper(store, """
            UPDATE auditEntry SET id = 100 WHERE id = 2;
            UPDATE auditEntry SET id = 2 WHERE id = 4;
            UPDATE auditEntry SET id = 4 WHERE id = 100;
            """)
        guard case .broken(let entry, _, _) = try await store.verifyAuditChain() else { Issue.record("not detected"); return }
        #expect(entry == 2)
    }

    @Test("a recomputed, self-consistent forgery of one entry still breaks at the next")
    func forgedEntry() async throws {
        let (store, _) = try seeded()
        let entries = try await store.auditEntries(subject: nil)
        let forged = entries[2]
        let fakeHash = String(repeating: "a", count: 64)
        try tamper(store, "UPDATE auditEntry SET detail = 'forged', hash = '\(fakeHash)' WHERE id = \(forged.id)")
        guard case .broken(let entry, _, _) = try await store.verifyAuditChain() else { Issue.record("not detected"); return }
        #expect(entry == 3)
    }

    @Test("the walk goes on past a break: tampering further down is reported too")
    func laterBreaksReported() async throws {
        let (store, _) = try seeded()
        try tamper(store, "UPDATE auditEntry SET detail = 'first' WHERE id = 2; UPDATE auditEntry SET detail = 'second' WHERE id = 4")
        #expect(try await store.verifyAuditChain()
            == .broken(atEntry: 2, reason: "its content was changed after it was written", laterBreaks: [4]))
    }

    @Test("a NUL in audited text is stored as U+FFFD and the chain stays intact", arguments: ["typo\u{0}x", "\u{0}", "a\u{0}\u{0}b"])
    func nulInDetail(detail: String) async throws {
        let (store, _) = try seeded()
        try await store.writer.write { db in
            try AuditRecorder.append(db, action: "test.nul", subject: "customer:\u{0}1", detail: detail, actor: 1, at: TestInstant.now)
        }
        #expect(try await store.verifyAuditChain() == .intact(entries: 6))
        let last = try #require(try await store.auditEntries(subject: nil).last)
        #expect(last.detail == detail.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        #expect(last.subject == "customer:\u{FFFD}1")
    }
}
