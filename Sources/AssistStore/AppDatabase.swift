import AssistCore
import Foundation
import GRDB

/// The database: SQLite through GRDB, migrated to the current schema when opened.
///
/// Migrations are append-only: a released migration is never edited, only followed by a
/// new one. Every write goes through `write` (group commit over `writer`); the server uses a `DatabasePool` (WAL) with
/// `synchronous=FULL`, so a write the API acknowledged survives a crash or power loss.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Every store write goes through here: concurrent writes share a commit (`GroupCommit`).
    let commits: GroupCommit
    /// Whose each recently used API token is, by the token's hash; forgotten on any change to
    /// people or tokens.
    let tokenUsers = RememberedReads<RememberedToken>()
    /// The production calendar in force, parsed; forgotten when a revision is saved.
    let calendarInForce = RememberedReads<ProductionCalendar>()
    /// Whether a secret was wiped since the write-ahead log was last emptied.
    let wipedSecrets = WipedSecrets()

    /// Wraps `writer` and applies every pending migration.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        self.commits = GroupCommit(writer: writer)
        try Self.migrator.migrate(writer)
        let tokenUsers = tokenUsers, calendarInForce = calendarInForce
        writer.add(
            transactionObserver: TableChangeObserver(tables: [UserRecord.databaseTableName, AccessTokenRecord.databaseTableName]) {
                tokenUsers.forgetAll()
            },
            extent: .databaseLifetime)
        writer.add(
            transactionObserver: TableChangeObserver(tables: ["calendarRevision"]) { calendarInForce.forgetAll() },
            extent: .databaseLifetime)
        writer.add(transactionObserver: wipedSecrets, extent: .databaseLifetime)
    }

    /// After a secret was wiped (see `WipedSecrets`): copies the write-ahead log into the
    /// database and truncates it, so no earlier copy of the secret outlives its wiping on disk.
    /// Returns at once when nothing was wiped; a store function that wipes calls it after its
    /// write, so the secret is gone before the caller hears back. Waits for readers still on
    /// an older snapshot (the busy timeout); should they outlast it, the next call tries again.
    /// The write that wiped is committed either way: a failed checkpoint is no error of the caller's.
    ///
    /// Every caller returns only after a checkpoint that began after its own wipe: the checkpoint
    /// runs on the one writing connection, so a caller whose wipe an earlier checkpoint already
    /// covered finds that out there and returns. While readers hold an older snapshot the
    /// checkpoint waits for them (the busy timeout), holding the writer that long.
    func forgetWipedSecrets() async {
        let wipes = wipedSecrets
        let target = wipes.wiped.load(ordering: .sequentiallyConsistent)
        guard wipes.forgotten.load(ordering: .sequentiallyConsistent) < target else { return }
        try? await writer.writeWithoutTransaction { db in
            guard wipes.forgotten.load(ordering: .sequentiallyConsistent) < target else { return }
            let upTo = wipes.wiped.load(ordering: .sequentiallyConsistent)
            _ = try db.checkpoint(.truncate)
            wipes.forgotten.store(upTo, ordering: .sequentiallyConsistent)
        }
    }

    /// Runs `updates` in a savepoint of the next group commit; returns after it is durable and,
    /// when it wiped a secret, after the write-ahead log no longer holds it (`forgetWipedSecrets`:
    /// two atomic reads when nothing was wiped) — so no use case can forget to.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let value = try await commits.write(updates)
        await forgetWipedSecrets()
        return value
    }

    /// Opens (creating if needed) the database file at `path` for a server process.
    ///
    /// A new file is made readable by its owner only: it holds customers' data. SQLite gives
    /// the `-wal` and `-shm` files the same mode.
    public static func openFile(atPath path: String) throws -> AppDatabase {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let pool = try DatabasePool(path: path, configuration: fileConfiguration())
        // GRDB's WAL set-up sets `synchronous = NORMAL` on the writing connection after the
        // configuration's own preparation ran: NORMAL syncs only at checkpoints, so the last
        // commits could be lost on power loss. FULL again, on the one connection that commits.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return try AppDatabase(pool)
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: fileConfiguration()))
    }

    /// The names of the migrations that `init` would apply to the file at `path`, without applying them.
    public static func pendingMigrations(atPath path: String) throws -> [String] {
        let pool = try DatabasePool(path: path, configuration: fileConfiguration())
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        return migrator.migrations.filter { !applied.contains($0) }
    }

    /// The names of every migration this build knows, oldest first.
    public static var migrationNames: [String] { migrator.migrations }

    static func fileConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // What is deleted or overwritten is overwritten with zeros in the file too (wiped
            // credentials, spent links): set here, so a SQLite built without it on by default
            // cannot quietly keep old bytes in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            if !db.configuration.readonly {
                // Every write runs in its own savepoint of a group commit (`GroupCommit`), and SQLite
                // keeps the pages a savepoint may have to restore in a sub-journal that, past 64 KiB,
                // spills to a temporary file: one created, written page by page and deleted for
                // nearly every batch — most of the writer's system calls under load. In memory it
                // is bounded by the batch and freed at its commit; readers keep the default.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
        }
        return configuration
    }
}

extension AppDatabase {
    /// `assistd migrate --set-inn`: before migration v24 can make an INN unique, an admin gives a
    /// customer its right INN (or none). Works on the schema just before v24, audited, offline.
    public static func repairINN(atPath path: String, customerId: Int64, inn: String?, at instant: Date) throws {
        let pool = try DatabasePool(path: path, configuration: fileConfiguration())
        // Up to the schema just before v24 — unless v24 is in already (GRDB stops at a database
        // migrated beyond `upTo`), where the unique index guards the change itself.
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        if !applied.contains(uniqueINNMigration), let before = migrator.migrations.prefix(while: { $0 != uniqueINNMigration }).last {
            try migrator.migrate(pool, upTo: before)
        }
        try pool.write { db in
            guard let old = try Row.fetchOne(db, sql: "SELECT inn FROM customer WHERE id = ?", arguments: [customerId]) else {
                throw AccountStoreError.customerNotFound(customerId)
            }
            let previous: String? = old["inn"]
            try db.execute(sql: "UPDATE customer SET inn = ? WHERE id = ?", arguments: [inn, customerId])
            try AuditRecorder.append(
                db, action: "customer.inn-changed", subject: "customer:\(customerId)",
                detail: "INN \(previous ?? "none") → \(inn ?? "none") (assistd migrate --set-inn, before INNs became unique)", actor: nil, at: instant)
        }
    }
}
