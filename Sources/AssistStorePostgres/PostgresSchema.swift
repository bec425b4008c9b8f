import LibPQ

/// Brings a PostgreSQL database to the schema this binary knows, and says how it stands. The
/// migrations run in one transaction (PostgreSQL's DDL is transactional: all or nothing) under
/// an advisory lock, so two nodes starting at once migrate once; `schemaMigration` names what was
/// applied, in the words SQLite's migrator uses.
public enum PostgresSchema {
    /// The names of every migration this binary knows, in order.
    public static var migrationNames: [String] { PostgresMigrations.all.map(\.name) }

    /// A database a newer binary migrated: this one must not write to it.
    public struct NewerThanBinary: Error, Sendable, Equatable, CustomStringConvertible {
        public let unknown: [String]

        public init(unknown: [String]) { self.unknown = unknown }

        public var description: String {
            "The database was migrated by a newer AssistBroker (\(unknown.joined(separator: ", "))): run that version, or restore a backup made by this one."
        }
    }

    /// The key of the advisory lock migrations take (any constant every node agrees on).
    static let lockKey: Int64 = 7_240_100_001

    /// Applies what is missing; returns the names applied now.
    @discardableResult
    public static func migrate(_ pool: PostgresPool) async throws -> [String] {
        try await pool.transaction(.readCommitted) { connection in
            try connection.query("SELECT pg_advisory_xact_lock($1::bigint)", [PostgresParameter(lockKey)])
            try connection.execute("CREATE TABLE IF NOT EXISTS schemaMigration (name text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())")
            let applied = try appliedNames(connection)
            let missing = PostgresMigrations.all.filter { !applied.contains($0.name) }
            for migration in missing {
                if !migration.sql.isEmpty { try connection.execute(migration.sql) }
                try connection.query("INSERT INTO schemaMigration (name) VALUES ($1)", [.text(migration.name)])
            }
            return missing.map(\.name)
        }
    }

    /// The migrations not yet applied; throws `NewerThanBinary` for names this binary does not know.
    public static func pendingMigrations(_ pool: PostgresPool) async throws -> [String] {
        let applied = try await pool.withConnection { connection -> Set<String> in
            let exists = try connection.query("SELECT to_regclass('schemamigration') IS NOT NULL AS present").bool(0, "present") ?? false
            return exists ? try appliedNames(connection) : []
        }
        let unknown = applied.subtracting(migrationNames).sorted()
        guard unknown.isEmpty else { throw NewerThanBinary(unknown: unknown) }
        return migrationNames.filter { !applied.contains($0) }
    }

    static func appliedNames(_ connection: PostgresConnection) throws -> Set<String> {
        let rows = try connection.query("SELECT name FROM schemaMigration")
        return Set(rows.rows.compactMap { $0.first ?? nil })
    }
}
