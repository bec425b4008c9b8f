import NIOPosix
import Synchronization

/// Connections to one PostgreSQL, used off the event loops: each job runs on one of the pool's
/// own threads with a connection of its own, so at most `size` connections exist and a job
/// beyond them waits its turn. A connection left broken or inside a transaction is dropped
/// rather than handed out again.
public final class PostgresPool: Sendable {
    /// How a transaction sees the others'.
    public enum Isolation: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    private let uri: String
    private let threads: NIOThreadPool
    private let idle = Mutex<[PostgresConnection]>([])

    public init(uri: String, size: Int) {
        self.uri = uri
        threads = NIOThreadPool(numberOfThreads: max(size, 1))
        threads.start()
    }

    /// Runs `body` with a connection, on one of the pool's threads.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await threads.runIfActive { [self] in
            let connection = try idle.withLock { $0.popLast() } ?? PostgresConnection(uri: uri)
            defer { if connection.isUsable { idle.withLock { $0.append(connection) } } }
            return try body(connection)
        }
    }

    /// Runs `body` in one transaction at `isolation`; what it throws rolls it back. A
    /// serialization failure or a deadlock (another node's transaction in the way) runs it again,
    /// up to `attempts` times in all, after a short random pause; then the error is thrown.
    @discardableResult
    public func transaction<T: Sendable>(
        _ isolation: Isolation = .serializable, attempts: Int = 5, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try connection.execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)")
                    do {
                        let value = try body(connection)
                        try connection.execute("COMMIT")
                        return value
                    } catch {
                        _ = try? connection.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PostgresError where error.isRetryable && attempt < attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...(20 * attempt))))
            }
        }
    }

    /// Closes every connection and stops the pool's threads; jobs after it fail.
    public func close() async throws {
        try await threads.shutdownGracefully()
        idle.withLock { $0.removeAll() }
    }
}
