import AssistCore

/// Parses stored text columns into domain values, throwing `CorruptRow` instead of defaulting.
enum StoredValue {
    static func parse<E: RawRepresentable>(_ type: E.Type, _ text: String, table: String, column: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text) else { throw CorruptRow(table: table, column: column, value: text) }
        return value
    }

    static func parse<E: RawRepresentable>(_ type: E.Type, _ text: String?, table: String, column: String) throws -> E? where E.RawValue == String {
        try text.map { try parse(type, $0, table: table, column: column) }
    }

    static func date(_ text: String, table: String, column: String) throws -> LocalDate {
        guard let date = LocalDate(text) else { throw CorruptRow(table: table, column: column, value: text) }
        return date
    }

    static func date(_ text: String?, table: String, column: String) throws -> LocalDate? {
        try text.map { try date($0, table: table, column: column) }
    }
}
