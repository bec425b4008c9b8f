import AssistCore
import Foundation
import GRDB

/// The database read as plain tables, all from one snapshot: what a move to another engine
/// copies (`assistd migrate-database`). No rule is read here, only rows.
public struct TableSnapshot {
    let db: Database

    /// Every table of the product with its columns in order (SQLite's and GRDB's own left out).
    public func tables() throws -> [String: [String]] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
            """)
        var tables: [String: [String]] = [:]
        for name in names { tables[name] = try db.columns(in: name).map(\.name) }
        return tables
    }

    public func count(_ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(try quoted(table))") ?? 0
    }

    /// The rows of `table` in `columns`' order, `batch` at a time, by primary key (ids in the order written).
    public func rows(of table: String, columns: [String], batch: Int, _ body: ([[TableCell]]) throws -> Void) throws {
        let list = try columns.map(quoted).joined(separator: ", ")
        let key = try db.primaryKey(table).columns.map(quoted).joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \(try quoted(table)) ORDER BY \(key)")
        var rows: [[TableCell]] = []
        rows.reserveCapacity(batch)
        while let row = try cursor.next() {
            rows.append(row.databaseValues.map(Self.cell))
            if rows.count == batch {
                try body(rows)
                rows.removeAll(keepingCapacity: true)
            }
        }
        if !rows.isEmpty { try body(rows) }
    }

    static func cell(_ value: DatabaseValue) -> TableCell {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }

    /// A table or column name as SQL, refused unless it is a plain identifier (names come from
    /// the schema, never from input).
    private func quoted(_ name: String) throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw CorruptRow(table: "sqlite_master", column: "name", value: name)
        }
        return "\"\(name)\""
    }
}

extension AppDatabase {
    /// Reads the whole database from one snapshot (writes may go on meanwhile; they are not in it).
    public func snapshot<T>(_ body: (TableSnapshot) throws -> T) throws -> T {
        try writer.read { db in try body(TableSnapshot(db: db)) }
    }
}
