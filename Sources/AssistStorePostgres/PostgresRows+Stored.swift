import AssistCore
import Foundation
import LibPQ

/// Stored columns read into domain values, failing loudly (`CorruptRow`) instead of defaulting:
/// a wrong tier, price or date on a bill is worse than an error.
extension PostgresRows {
    func required(_ row: Int, _ column: String, table: String) throws -> String {
        guard let text = text(row, column) else { throw CorruptRow(table: table, column: column, value: "NULL") }
        return text
    }

    func requiredInt(_ row: Int, _ column: String, table: String) throws -> Int64 {
        let text = try required(row, column, table: table)
        guard let value = Int64(text) else { throw CorruptRow(table: table, column: column, value: text) }
        return value
    }

    func requiredInstant(_ row: Int, _ column: String, table: String) throws -> Date {
        let text = try required(row, column, table: table)
        guard let value = PostgresTime.instant(text) else { throw CorruptRow(table: table, column: column, value: text) }
        return value
    }

    func value<E: RawRepresentable>(_ type: E.Type, _ row: Int, _ column: String, table: String) throws -> E where E.RawValue == String {
        let text = try required(row, column, table: table)
        guard let value = E(rawValue: text) else { throw CorruptRow(table: table, column: column, value: text) }
        return value
    }

    func date(_ row: Int, _ column: String, table: String) throws -> LocalDate? {
        guard let text = text(row, column) else { return nil }
        guard let date = LocalDate(text) else { throw CorruptRow(table: table, column: column, value: text) }
        return date
    }
}
