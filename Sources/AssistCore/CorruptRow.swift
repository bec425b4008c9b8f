/// A stored value that does not parse: the row was changed outside the product, or written by
/// a newer version. Reading it fails loudly instead of defaulting (a wrong kind, price or date
/// on a bill is worse than an error).
public struct CorruptRow: Error, CustomStringConvertible, Sendable {
    public let table: String
    public let column: String
    public let value: String

    public init(table: String, column: String, value: String) {
        self.table = table
        self.column = column
        self.value = value
    }

    public var description: String {
        "The database holds '\(value)' in \(table).\(column), which this version cannot read: restore the database from a backup or upgrade."
    }
}
