import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The audit log on PostgreSQL, written by several nodes at once: one chain, verified.
@Suite("The audit log on PostgreSQL: one chain from several nodes")
struct PostgresAuditLogTests {
    let instant = RFC3339.parse("2026-12-07T23:40:05.123+03:00")!

    @Test("two nodes appending 120 entries at once leave one chain: ids 1…120 without a gap, each following the one before, and it verifies")
    func twoNodes() async throws {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        let nodeB = try await PostgresDatabase.open(uri: uri, connections: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<120 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask {
                    try await node.recordAudit(action: "test.append", subject: "node:\(index % 2)", detail: "entry \(index)", actor: nil, at: instant)
                }
            }
            try await group.waitForAll()
        }
        let entries = try await nodeB.auditEntries(subject: nil)
        #expect(entries.map(\.id) == Array(1...120))
        #expect(zip(entries.dropFirst(), entries).allSatisfy { $0.previousHash == $1.hash })
        #expect(try await nodeA.verifyAuditChain() == .intact(entries: 120))
        #expect(entries.first?.at == instant, "the instant to the millisecond")
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("an entry changed behind the desk's back (its trigger dropped) is found, and the walk names every later break; a setting a restart did not change is not logged again")
    func tampering() async throws {
        let uri = try await TestPostgres.database()
        let node = try await PostgresDatabase.open(uri: uri, connections: 2)
        for index in 1...5 {
            try await node.recordAudit(action: "test.append", subject: "s", detail: "entry \(index)", actor: 7, at: instant)
        }
        let setting = AuditNote(action: "settings.changed", subject: "server", detail: "mail.relay=smtp.example.ru", actor: nil)
        #expect(try await node.recordAuditOnChange(setting, at: instant))
        #expect(try await node.recordAuditOnChange(setting, at: instant) == false)
        #expect(try await node.verifyAuditChain() == .intact(entries: 6))
        try await TestPostgres.blocking {
            let connection = try PostgresConnection(uri: uri)
            try connection.execute("DROP TRIGGER auditEntry_no_update ON auditEntry; UPDATE auditEntry SET detail = 'nothing happened' WHERE id IN (2, 4)")
        }
        guard case .broken(let at, let reason, let later) = try await node.verifyAuditChain() else {
            Issue.record("the changed entries were not found")
            return
        }
        #expect(at == 2 && reason.contains("changed") && later == [4])
        try await node.close()
    }
}
