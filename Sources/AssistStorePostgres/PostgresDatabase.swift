import AssistCore
import LibPQ

/// The desk's database on PostgreSQL, shared by every node: the stores' operations over one pool.
/// What one SQLite writer gave for free is explicit here — each operation says which row it locks.
public struct PostgresDatabase: Sendable {
    let pool: PostgresPool
    /// The calendar revision this node last parsed (per node; its number is checked on every read).
    let calendarInForce: CalendarCache
    let uri: String

    /// Connects (lazily) to `uri` with at most `connections` at once, and brings the schema up to date.
    public static func open(uri: String, connections: Int = 8) async throws -> PostgresDatabase {
        let pool = PostgresPool(uri: uri, size: connections)
        try await PostgresSchema.migrate(pool)
        return PostgresDatabase(pool: pool, calendarInForce: CalendarCache(nil), uri: uri)
    }

    /// A lead one node at a time holds among all that share this database (`PostgresAdvisoryLease`).
    public func lease(named name: String) -> PostgresAdvisoryLease {
        PostgresAdvisoryLease(uri: uri, name: name)
    }

    /// Closes every connection.
    public func close() async throws {
        try await pool.close()
    }
}

