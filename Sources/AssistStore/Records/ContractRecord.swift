import AssistCore
import Foundation
import GRDB

/// A row of `contract`.
struct ContractRecord: StoredRecord, Equatable {
    static let databaseTableName = "contract"

    var id: Int64?
    var customerId: Int64
    var tier: String
    var term: String
    var startsOn: String
    var endsOn: String?
    var priceKopecks: Int64
    var createdAt: Date
    var roundingIncrementSeconds: Int = 60
    var roundingMinimumSeconds: Int = 0

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The contract, or `CorruptRow` for a tier, term or date this version cannot read: a
    /// contract prices invoices, so nothing here is defaulted.
    func contract() throws -> Contract {
        Contract(
            id: id ?? 0, customerId: customerId, tier: try StoredValue.parse(ContractTier.self, tier, table: "contract", column: "tier"),
            term: try StoredValue.parse(ContractTerm.self, term, table: "contract", column: "term"),
            startsOn: try StoredValue.date(startsOn, table: "contract", column: "startsOn"),
            endsOn: try StoredValue.date(endsOn, table: "contract", column: "endsOn"),
            priceKopecks: priceKopecks, createdAt: createdAt,
            rounding: RoundingRule(incrementSeconds: roundingIncrementSeconds, minimumSeconds: roundingMinimumSeconds))
    }
}

extension ContractRecord {
    /// Read by column name rather than through GRDB's `Decodable` row decoder: every filed ticket
    /// reads its customer's contracts in the writing transaction, and the decoder's keyed
    /// containers were 3 % of that connection's work.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        customerId = try row.decode(forColumn: "customerId")
        tier = try row.decode(forColumn: "tier")
        term = try row.decode(forColumn: "term")
        startsOn = try row.decode(forColumn: "startsOn")
        endsOn = try row.decode(forColumn: "endsOn")
        priceKopecks = try row.decode(forColumn: "priceKopecks")
        createdAt = try row.decode(forColumn: "createdAt")
        roundingIncrementSeconds = try row.decode(forColumn: "roundingIncrementSeconds")
        roundingMinimumSeconds = try row.decode(forColumn: "roundingMinimumSeconds")
    }
}
