import Foundation

/// What a statement answered, copied out of libpq's result (which is freed at once): the
/// column names and each row's values as PostgreSQL's text output, nil for NULL. Columns are
/// found by name without regard to case, as PostgreSQL folds unquoted identifiers (`customerId`
/// comes back as `customerid`).
public struct PostgresRows: Sendable, Equatable {
    public let columns: [String]
    public let rows: [[String?]]
    /// How many rows an INSERT, UPDATE or DELETE touched (`PQcmdTuples`); 0 for other statements.
    public let affected: Int

    public init(columns: [String], rows: [[String?]], affected: Int) {
        self.columns = columns.map { $0.lowercased() }
        self.rows = rows
        self.affected = affected
    }

    /// The value of `column` in row `row`; nil for NULL or a column the result does not have.
    public func text(_ row: Int, _ column: String) -> String? {
        guard let index = columns.firstIndex(of: column.lowercased()), rows.indices.contains(row) else { return nil }
        return rows[row][index]
    }

    public func int(_ row: Int, _ column: String) -> Int64? { text(row, column).flatMap { Int64($0) } }

    public func bool(_ row: Int, _ column: String) -> Bool? { text(row, column).map { $0 == "t" } }

    public func instant(_ row: Int, _ column: String) -> Date? { text(row, column).flatMap(PostgresTime.instant) }

    /// A `bytea` column: PostgreSQL's hex output (`\x48656c6c6f`) decoded.
    public func bytes(_ row: Int, _ column: String) -> [UInt8]? {
        guard let text = text(row, column) else { return nil }
        let hex = Array(text.utf8)
        guard hex.count >= 2, hex[0] == UInt8(ascii: "\\"), hex[1] == UInt8(ascii: "x"), hex.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x61...0x66: byte - 0x61 + 10
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((hex.count - 2) / 2)
        var index = 2
        while index < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
