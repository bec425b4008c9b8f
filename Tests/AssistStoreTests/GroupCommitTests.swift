import Foundation
import GRDB
import Testing

@testable import AssistStore

/// Group commit's mechanics on a real database file: writes share commits, and a write that
/// fails — alone, or by taking the whole transaction down — costs no other write anything.
@Suite("Group commit")
struct GroupCommitTests {
    /// Counts the commits of a database.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var commits: Int { lock.withLock { count } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { lock.withLock { count += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    struct Refused: Error {}

    func database() throws -> (AppDatabase, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.openFile(atPath: path)
        try database.writer.write { db in
            try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            // A value that aborts the whole transaction, not only its statement.
            try db.execute(sql: """
                CREATE TRIGGER abortAll BEFORE INSERT ON note WHEN NEW.text = 'abort'
                BEGIN SELECT RAISE(ROLLBACK, 'the whole transaction is lost'); END
                """)
        }
        return (database, path)
    }

    /// Runs `count` writes at once; write `i` inserts `text(i)` and throws after it when `fails(i)`.
    func writeConcurrently(
        _ database: AppDatabase, count: Int, text: @escaping @Sendable (Int) -> String, fails: @escaping @Sendable (Int) -> Bool
    ) async -> [Int: Bool] {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await database.write { db in
                            try db.execute(sql: "INSERT INTO note (text) VALUES (?)", arguments: [text(index)])
                            if fails(index) { throw Refused() }
                        }
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (index, succeeded) in group { outcomes[index] = succeeded }
            return outcomes
        }
    }

    func texts(_ path: String) throws -> Set<String> {
        // A fresh connection: what is on disk, not what one connection remembers.
        let reopened = try DatabaseQueue(path: path)
        return Set(try reopened.read { try String.fetchAll($0, sql: "SELECT text FROM note") })
    }

    @Test("300 concurrent writes are all acknowledged and stored, in fewer commits than writes")
    func batches() async throws {
        let (database, path) = try database()
        let counter = CommitCounter()
        database.writer.add(transactionObserver: counter)
        let outcomes = await writeConcurrently(database, count: 300, text: { "n\($0)" }, fails: { _ in false })
        #expect(outcomes.values.allSatisfy { $0 })
        #expect(try texts(path) == Set((0..<300).map { "n\($0)" }))
        #expect(counter.commits < 300, "\(counter.commits) commits for 300 writes: nothing was grouped")
        #expect(counter.commits >= 1)
    }

    @Test("a write that throws in a batch rolls back alone and gets its own error; the others are stored")
    func failureIsolated() async throws {
        let (database, path) = try database()
        let outcomes = await writeConcurrently(database, count: 100, text: { "n\($0)" }, fails: { $0 % 5 == 0 })
        for index in 0..<100 { #expect(outcomes[index] == (index % 5 != 0), "write \(index)") }
        #expect(try texts(path) == Set((0..<100).filter { $0 % 5 != 0 }.map { "n\($0)" }))
    }

    @Test("a write that aborts the whole transaction fails alone: the writes batched with it run again and are stored")
    func abortedTransactionIsolated() async throws {
        let (database, path) = try database()
        let outcomes = await writeConcurrently(database, count: 100, text: { $0 == 37 ? "abort" : "n\($0)" }, fails: { _ in false })
        #expect(outcomes[37] == false)
        for index in 0..<100 where index != 37 { #expect(outcomes[index] == true, "write \(index)") }
        #expect(try texts(path) == Set((0..<100).filter { $0 != 37 }.map { "n\($0)" }))
    }

    @Test("a lone write returns its value once committed")
    func loneWrite() async throws {
        let (database, path) = try database()
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO note (text) VALUES ('alone')")
            return db.lastInsertedRowID
        }
        #expect(id == 1)
        #expect(try texts(path) == ["alone"])
    }
}
