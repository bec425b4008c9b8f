import GRDB

/// A record inserted through one statement prepared once per connection, its arguments listed by
/// hand — for the rows written on every filed ticket and every letter.
///
/// GRDB's `insert` encodes the record into a dictionary, builds the INSERT's text and looks its
/// statement up by that text, each time: two thirds of what a row's insertion cost, and 9 % of
/// the server's CPU while tickets were being filed. The rows are the same as GRDB's `insert`
/// writes (dates by `StoredTime`, booleans as 0 and 1), which `PreparedInsertTests` checks column
/// by column for every conforming record.
protocol PreparedInsert: StoredRecord {
    var id: Int64? { get set }
    /// `INSERT INTO table (every column but id) VALUES (?, …)`.
    static var insertSQL: String { get }
    /// The values of those columns, in their order.
    var insertArguments: StatementArguments { get }
}

extension PreparedInsert {
    mutating func insertPrepared(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
        id = db.lastInsertedRowID
    }
}
