import AssistCore
import AssistDesk
import AssistMail
import AssistStore
import AssistStorePostgres
import LibPQ

/// The database the desk works on: the embedded SQLite file (the default: nothing to set up, one
/// node), or a PostgreSQL database that several nodes share (`database` set to a
/// `postgres://` URI). The one place that chooses the concrete stores.
public enum DeskDatabase: Sendable {
    case sqlite(AppDatabase)
    case postgres(PostgresDatabase)

    /// Opens `location` — a file path or a `postgres://` URI — and brings its schema up to date
    /// (a schema newer than this binary is refused); `connections` bounds a PostgreSQL pool.
    public static func open(_ location: String, connections: Int) async throws(StartupError) -> DeskDatabase {
        do {
            if PostgresURI.isPostgres(location) {
                return .postgres(try await PostgresDatabase.open(uri: location, connections: connections))
            }
            return .sqlite(try AppDatabase.openFile(atPath: location))
        } catch {
            throw .databaseUnavailable(path: PostgresURI.redacted(location), reason: "\(error)")
        }
    }

    /// Every store over this database; `credentialsKey` seals and opens remote-session credentials
    /// (nil in a process that must not hold it).
    public func stores(credentialsKey: [UInt8]?) -> DeskStores {
        switch self {
        case .sqlite(let database):
            DeskStores(
                accounts: database, contracts: database, tickets: database, vip: database, entitlements: database,
                sessions: SessionDatabase(database: database, key: credentialsKey), metering: database, invoices: database,
                hours: database, calendars: database, audit: database, outbox: database, signIn: database)
        case .postgres(let database):
            DeskStores(
                accounts: database, contracts: database, tickets: database, vip: database, entitlements: database,
                sessions: PostgresSessionDatabase(database: database, key: credentialsKey), metering: database, invoices: database,
                hours: database, calendars: database, audit: database, outbox: database, signIn: database)
        }
    }

    /// Where replayed requests' answers are kept.
    public var idempotency: any IdempotencyStore {
        switch self {
        case .sqlite(let database): database
        case .postgres(let database): database
        }
    }

    /// Who polls the mailbox among the nodes sharing a PostgreSQL database; nil for SQLite (one node).
    public var mailboxLease: (any MailboxLease)? {
        if case .postgres(let database) = self { PostgresMailboxLease(lease: database.lease(named: "assist-mailbox-poller")) } else { nil }
    }

    /// Closes a PostgreSQL pool's connections (SQLite closes with the process).
    public func close() async {
        if case .postgres(let database) = self { try? await database.close() }
    }
}
