import AssistCore
import Foundation
import LibPQ

/// Rows copied into an empty PostgreSQL database in one transaction (`assistd migrate-database`):
/// interrupted at any point, nothing is left behind, and the move can be started again. Blocking:
/// run it off the cooperative pool.
public final class PostgresImport {
    /// A column of the target, with the SQL type each value is cast to.
    public struct Column: Sendable, Equatable {
        public let name: String
        public let type: String
    }

    /// What the move may find filled in a new database: the schema's bookkeeping, the audit head
    /// and the metadata the migrations wrote (replaced by the source's).
    public static let bookkeeping: Set<String> = ["schemamigration", "audithead", "servermetadata"]

    let connection: PostgresConnection

    /// The tables of the database at `uri` that are not this product's: a database that holds
    /// any is not a move's target (its schema is never touched).
    public static func foreignTables(uri: String) throws -> [String] {
        let connection = try PostgresConnection(uri: uri)
        let names = try connection.query(
            """
            SELECT c.relname AS tablename FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1
            """
        ).rows.compactMap { $0.first ?? nil }
        guard !names.isEmpty else { return [] }
        let ours = Set(PostgresMigrations.all.flatMap { Self.tablesCreated(by: $0.sql) }).union(["schemamigration"])
        return names.filter { !ours.contains($0) }
    }

    /// The tables a migration's SQL creates, as PostgreSQL names them.
    static func tablesCreated(by sql: String) -> [String] {
        sql.components(separatedBy: "CREATE TABLE ").dropFirst().compactMap { rest in
            rest.split(whereSeparator: { $0 == " " || $0 == "(" }).first.map { $0.lowercased() }
        }
    }

    /// Connects to `uri` (whose schema is brought up to date first) and begins the transaction.
    public init(uri: String) throws {
        connection = try PostgresConnection(uri: uri)
        try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
    }

    /// Every table of the target with its columns in order (names as PostgreSQL folds them).
    public func tables() throws -> [String: [Column]] {
        let rows = try connection.query(
            """
            SELECT c.relname AS tablename, a.attname AS columnname, format_type(a.atttypid, a.atttypmod) AS columntype
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """)
        var tables: [String: [Column]] = [:]
        for index in rows.rows.indices {
            guard let table = rows.text(index, "tablename"), let name = rows.text(index, "columnname"), let type = rows.text(index, "columntype") else { continue }
            tables[table, default: []].append(Column(name: name, type: type))
        }
        return tables
    }

    /// The target's tables that hold rows already (the bookkeeping left out).
    public func filledTables() throws -> [String] {
        try tables().keys.sorted().filter { table in try !Self.bookkeeping.contains(table) && count(table) > 0 }
    }

    public func count(_ table: String) throws -> Int {
        Int(try connection.query("SELECT count(*) AS n FROM \(try Self.identifier(table))").int(0, "n") ?? 0)
    }

    /// Empties one of the bookkeeping tables the migrations filled, before the source's rows replace them.
    public func clear(_ table: String) throws {
        guard Self.bookkeeping.contains(table) else { return }
        try connection.query("DELETE FROM \(try Self.identifier(table))")
    }

    /// Inserts `rows` (values in `columns`' order), each value cast to its column's type.
    public func insert(_ table: String, columns: [Column], rows: [[TableCell]]) throws {
        guard !rows.isEmpty else { return }
        let names = try columns.map { try Self.identifier($0.name) }.joined(separator: ", ")
        var parameters: [PostgresParameter] = []
        parameters.reserveCapacity(rows.count * columns.count)
        var tuples: [String] = []
        for row in rows {
            var marks: [String] = []
            for (column, cell) in zip(columns, row) {
                parameters.append(Self.parameter(cell))
                marks.append("$\(parameters.count)::\(column.type)")
            }
            tuples.append("(" + marks.joined(separator: ", ") + ")")
        }
        try connection.query("INSERT INTO \(try Self.identifier(table)) (\(names)) VALUES \(tuples.joined(separator: ", "))", parameters)
    }

    /// Sets `column` of the rows with these ids (a reference another table's rows had to exist for).
    public func update(_ table: String, column: Column, values: [(id: Int64, value: TableCell)]) throws {
        let sql = "UPDATE \(try Self.identifier(table)) SET \(try Self.identifier(column.name)) = $2::\(column.type) WHERE id = $1::bigint"
        for (id, value) in values { try connection.query(sql, [PostgresParameter(id), Self.parameter(value)]) }
    }

    /// Moves every identity counter past the ids copied, puts the audit chain's head on its last
    /// entry, and commits.
    public func commit() throws {
        let identities = try connection.query(
            """
            SELECT c.relname AS tablename, a.attname AS columnname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND a.attidentity <> '' AND NOT a.attisdropped
            """)
        for index in identities.rows.indices {
            guard let table = identities.text(index, "tablename"), let column = identities.text(index, "columnname") else { continue }
            let name = try Self.identifier(table), key = try Self.identifier(column)
            try connection.query(
                "SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(\(key)) FROM \(name)), 0) + 1, false)", [.text(table), .text(column)])
        }
        try connection.query(
            """
            UPDATE auditHead SET lastId = coalesce((SELECT max(id) FROM auditEntry), 0),
                lastHash = coalesce((SELECT hash FROM auditEntry ORDER BY id DESC LIMIT 1), repeat('0', 64))
            """)
        try connection.execute("COMMIT")
    }

    static func parameter(_ cell: TableCell) -> PostgresParameter {
        switch cell {
        case .null: .null
        case .integer(let number): .text(String(number))
        case .real(let number): .text(String(number))
        case .text(let text): .text(text)
        case .blob(let bytes): .bytes(bytes)
        }
    }

    /// A table or column name as SQL: only plain identifiers (they come from the schemas).
    static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw CorruptRow(table: "pg_class", column: "relname", value: name)
        }
        return name
    }
}

extension PostgresDatabase {
    /// The document series' gaps: per year, invoices and credit notes numbered 1…n with no
    /// number missing or repeated, and each counter at its series' last number. Empty when whole.
    public func seriesProblems() async throws -> [String] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT coalesce(s.series, d.series) AS series, coalesce(s.year, d.year) AS year, coalesce(s.n, 0) AS n,
                    coalesce(s.distinctn, 0) AS distinctn, coalesce(s.top, 0) AS top, coalesce(d.lastNumber, 0) AS counter
                FROM (
                    SELECT 'invoice' AS series, year, count(*) AS n, count(DISTINCT sequence) AS distinctn, max(sequence) AS top FROM invoice GROUP BY year
                    UNION ALL
                    SELECT 'credit-note', split_part(number, '-', 2)::integer, count(*), count(DISTINCT split_part(number, '-', 3)::bigint),
                        max(split_part(number, '-', 3)::bigint)
                    FROM creditNote GROUP BY 2
                ) s FULL JOIN documentCounter d ON d.series = s.series AND d.year = s.year
                ORDER BY 1, 2
                """)
            return rows.rows.indices.compactMap { index -> String? in
                let series = rows.text(index, "series") ?? "?", year = rows.int(index, "year") ?? 0
                let n = rows.int(index, "n") ?? 0, distinct = rows.int(index, "distinctn") ?? 0
                let top = rows.int(index, "top") ?? 0, counter = rows.int(index, "counter") ?? 0
                guard n != distinct || n != top || top != counter else { return nil }
                return "\(series) \(year): \(n) documents (\(distinct) distinct numbers), highest number \(top), counter at \(counter)"
            }
        }
    }
}
