import GRDB

extension Row {
    /// Every row of the query, each made into a value by `decode` while it is current.
    ///
    /// Use it, rather than `Row.fetchAll` or `Row.fetchOne`, where rows of many columns are read
    /// by column name on a path that runs per request or over many rows: their rows are copies,
    /// and a copy finds a column by lowercasing every column name of the row at each lookup — a
    /// row of twenty columns read by name cost some four hundred `lowercased()` calls, a visible
    /// share of the server's CPU when metered sessions were started and stopped. A cursor's row
    /// finds a column in a table built once per query.
    static func decodeAll<Value>(
        _ statement: Statement, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> Value
    ) throws -> [Value] {
        var values: [Value] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { values.append(try decode(row)) }
        return values
    }

    /// The first row of the query made into a value by `decode`, or nil when there is none;
    /// see `decodeAll` for why.
    static func decodeFirst<Value>(
        _ statement: Statement, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> Value
    ) throws -> Value? {
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try rows.next() else { return nil }
        // The row reads the statement, which the cursor resets when it goes: keep it until decoded.
        return try withExtendedLifetime(rows) { try decode(row) }
    }
}
