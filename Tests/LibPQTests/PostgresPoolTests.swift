import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The pool: its size, its threads, transactions and their retries, on the real server.
@Suite("PostgreSQL through libpq: the pool and transactions")
struct PostgresPoolTests {
    @Test("40 jobs on a pool of 4 never hold more than 4 connections, and every job runs")
    func size() async throws {
        let uri = try await TestPostgres.database()
        let name = try #require(uri.firstMatch(of: /\/(t_[0-9a-f]+)\?/)?.1)
        let pool = PostgresPool(uri: uri, size: 4)
        let seen = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try connection.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [.text(String(name))]).int(0, "n") ?? 0
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(seen.count == 40)
        #expect(seen.allSatisfy { $0 >= 1 && $0 <= 4 }, "connections seen at once: \(Set(seen).sorted())")
        try await pool.close()
    }

    @Test("serializable transactions that collide are run again: 30 concurrent read-then-write increments of one counter end at exactly 30, none lost")
    func retries() async throws {
        let pool = PostgresPool(uri: try await TestPostgres.database(), size: 6)
        try await pool.withConnection { try $0.execute("CREATE TABLE counter (name text PRIMARY KEY, value bigint NOT NULL); INSERT INTO counter VALUES ('invoice', 0)") }
        let numbers = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await pool.transaction(.serializable, attempts: 50) { connection in
                        let current = try connection.query("SELECT value FROM counter WHERE name = 'invoice'").int(0, "value") ?? -1
                        try connection.query("UPDATE counter SET value = $1::bigint WHERE name = 'invoice'", [PostgresParameter(current + 1)])
                        return current + 1
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(1...30), "each number taken once, no gap")
        #expect(try await pool.withConnection { try $0.query("SELECT value FROM counter").int(0, "value") } == 30)
        try await pool.close()
    }

    @Test("what the body throws rolls the transaction back; a connection the server ended is dropped and the next job gets a new one")
    func rollbackAndBrokenConnections() async throws {
        let pool = PostgresPool(uri: try await TestPostgres.database(), size: 1)
        try await pool.withConnection { try $0.execute("CREATE TABLE item (id bigint PRIMARY KEY)") }
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await pool.transaction { connection in
                try connection.query("INSERT INTO item VALUES (1)")
                throw Refused()
            }
        }
        #expect(try await pool.withConnection { try $0.query("SELECT count(*) AS n FROM item").int(0, "n") } == 0, "rolled back")
        let first = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS pid").int(0, "pid") ?? 0 }
        let ended = try await pool.withConnection { connection -> PostgresError? in
            do {
                try connection.query("SELECT pg_terminate_backend(pg_backend_pid())")
                return nil
            } catch let error as PostgresError {
                return error
            }
        }
        #expect(ended?.kind == .connection, "\(String(describing: ended))")
        let next = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS pid").int(0, "pid") ?? 0 }
        #expect(next != first && next != 0, "a new connection after the broken one")
        try await pool.close()
    }
}
