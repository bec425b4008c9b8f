import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The lead one node holds among several (the mailbox poller's): one at a time, and taken over
/// at once when the holder's session ends.
@Suite("Advisory-lock leases")
struct PostgresAdvisoryLeaseTests {
    @Test("of two nodes one holds the lease, and keeps it round after round; when its session ends (as when it is killed) the other takes it at its next round")
    func oneHolderAndTakeover() async throws {
        let uri = try await TestPostgres.database()
        let a = PostgresAdvisoryLease(uri: uri, name: "assist-mailbox-poller"), b = PostgresAdvisoryLease(uri: uri, name: "assist-mailbox-poller")
        #expect(await a.hold())
        for _ in 0..<3 {
            #expect(await a.hold(), "the holder keeps it")
            #expect(await !b.hold(), "the other waits")
        }
        // The holder's backend ended from outside, as PostgreSQL ends it when a killed node's socket
        // closes — only this test's database's lock holder: the cluster is shared with the whole suite.
        let terminated = try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).query(
                """
                SELECT count(pg_terminate_backend(pid)) AS n FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """
            ).int(0, "n")
        }
        #expect(terminated == 1)
        #expect(await b.hold(), "the other takes over at its next round")
        #expect(await !a.hold(), "the old holder finds it taken")
        b.release()
        #expect(await a.hold(), "a graceful stop hands it on at once")
    }

    @Test("a lease on a database that cannot be reached is not held, and nothing is thrown")
    func unreachable() async {
        let lease = PostgresAdvisoryLease(uri: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", name: "assist-mailbox-poller")
        #expect(await !lease.hold())
    }
}
