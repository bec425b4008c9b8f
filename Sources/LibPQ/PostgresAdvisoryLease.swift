import NIOPosix
import Synchronization

/// A lead that one process at a time holds among all that share a database: a session-level
/// advisory lock on a connection of the lease's own. A holder that dies (even by `kill -9`)
/// closes its socket, PostgreSQL ends its session and the lock is free at once; a holder that
/// loses its connection stops holding. Work guarded by a lease must still be safe to do twice
/// (a holder cut off by the network holds until its session times out on the server's side):
/// the lease saves the duplicate work, it is not what keeps the result right.
public final class PostgresAdvisoryLease: Sendable {
    private let uri: String
    private let name: String
    private let connection = Mutex<PostgresConnection?>(nil)
    private let holding = Atomic<Bool>(false)

    /// `name` identifies the lead (hashed to the lock's key by PostgreSQL's `hashtext`).
    public init(uri: String, name: String) {
        self.uri = uri
        self.name = name
    }

    /// Whether this process holds the lead now, taking it if it is free. Never throws: a
    /// database that cannot be reached means the lead is not held.
    public func hold() async -> Bool {
        let held = try? await NIOThreadPool.singleton.runIfActive { [self] in
            connection.withLock { connection -> Bool in
                do {
                    if connection == nil || connection?.isUsable == false {
                        connection = try PostgresConnection(uri: uri)
                        holding.store(false, ordering: .relaxed)
                    }
                    guard let open = connection else { return false }
                    if holding.load(ordering: .relaxed) {
                        // Still connected, so still held: the lock lives as long as the session.
                        _ = try open.query("SELECT 1 AS alive")
                        return true
                    }
                    let got = try open.query("SELECT pg_try_advisory_lock(hashtext($1)) AS got", [.text(name)]).bool(0, "got") ?? false
                    holding.store(got, ordering: .relaxed)
                    return got
                } catch {
                    connection = nil
                    holding.store(false, ordering: .relaxed)
                    return false
                }
            }
        }
        return held ?? false
    }

    /// Gives the lead up (its connection closed), for a graceful stop.
    public func release() {
        connection.withLock { $0 = nil }
        holding.store(false, ordering: .relaxed)
    }
}
