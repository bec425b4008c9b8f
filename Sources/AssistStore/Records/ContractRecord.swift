import AssistCore
import Foundation
import GRDB

/// A row of `contract`.
struct ContractRecord: Codable, FetchableRecord, MutablePersistableRecord {
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

    var contract: Contract {
        Contract(
            id: id ?? 0, customerId: customerId, tier: ContractTier(rawValue: tier) ?? .free,
            term: ContractTerm(rawValue: term) ?? .unlimited,
            startsOn: LocalDate(startsOn) ?? LocalDate(daysSinceEpoch: 0), endsOn: endsOn.flatMap { LocalDate($0) },
            priceKopecks: priceKopecks, createdAt: createdAt,
            rounding: RoundingRule(incrementSeconds: roundingIncrementSeconds, minimumSeconds: roundingMinimumSeconds))
    }
}
