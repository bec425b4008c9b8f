import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// Idempotency keys on PostgreSQL: a retried request answered once, from whichever node it reaches.
@Suite("Idempotency keys on PostgreSQL")
struct PostgresIdempotencyTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    func database() async throws -> (PostgresDatabase, PostgresDatabase) {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).execute("INSERT INTO userAccount (id, displayName, role, createdAt) VALUES (1, 'Агент', 'agent', now())")
        }
        return (nodeA, try await PostgresDatabase.open(uri: uri, connections: 4))
    }

    @Test("twenty claims of one key from two nodes at once: exactly one goes ahead, the rest hear it is in progress; then its answer is replayed, another body is a mismatch")
    func oneClaim() async throws {
        let (nodeA, nodeB) = try await database()
        let claims = try await withThrowingTaskGroup(of: IdempotencyClaim.self) { group in
            for index in 0..<20 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask { try await node.claim(userId: 1, key: "k-1", fingerprint: "f", at: instant, staleAfter: 60) }
            }
            return try await group.reduce(into: [IdempotencyClaim]()) { $0.append($1) }
        }
        #expect(claims.filter { $0 == .claimed }.count == 1 && claims.filter { $0 == .inProgress }.count == 19)
        try await nodeA.complete(userId: 1, key: "k-1", status: 201, contentType: "application/json", body: Array(#"{"id":1}"#.utf8))
        #expect(try await nodeB.claim(userId: 1, key: "k-1", fingerprint: "f", at: instant, staleAfter: 60)
            == .replay(status: 201, contentType: "application/json", body: Array(#"{"id":1}"#.utf8)))
        #expect(try await nodeB.claim(userId: 1, key: "k-1", fingerprint: "other", at: instant, staleAfter: 60) == .mismatch)
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("a released key is free again; a claim left pending past staleAfter (a node that died mid-request) is taken over, one before it is not")
    func releaseAndStale() async throws {
        let (node, other) = try await database()
        #expect(try await node.claim(userId: 1, key: "k-2", fingerprint: "f", at: instant, staleAfter: 60) == .claimed)
        try await node.release(userId: 1, key: "k-2")
        #expect(try await other.claim(userId: 1, key: "k-2", fingerprint: "f", at: instant, staleAfter: 60) == .claimed)
        #expect(try await node.claim(userId: 1, key: "k-2", fingerprint: "f", at: instant.addingTimeInterval(30), staleAfter: 60) == .inProgress)
        #expect(try await node.claim(userId: 1, key: "k-2", fingerprint: "f", at: instant.addingTimeInterval(61), staleAfter: 60) == .claimed)
        try await node.close()
        try await other.close()
    }
}
