import AssistCore
import Foundation
import GRDB

/// A row of `customer`.
struct CustomerRecord: StoredRecord {
    static let databaseTableName = "customer"

    var id: Int64?
    var name: String
    var inn: String?
    var kpp: String?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var customer: Customer {
        Customer(id: id ?? 0, name: name, inn: inn, kpp: kpp, createdAt: createdAt)
    }
}
