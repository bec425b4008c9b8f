import AssistCore
import Foundation
import GRDB

/// A row of `userAccount`.
struct UserRecord: StoredRecord {
    static let databaseTableName = "userAccount"

    var id: Int64?
    var displayName: String
    var email: String?
    var role: String
    var customerId: Int64?
    var phone: String?
    var onDuty: Bool
    var disabled: Bool
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var account: UserAccount {
        UserAccount(
            id: id ?? 0, displayName: displayName, email: email, role: Role(rawValue: role) ?? .customer,
            customerId: customerId, phone: phone, onDuty: onDuty, disabled: disabled, createdAt: createdAt)
    }
}
