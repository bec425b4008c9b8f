import AssistCore
import Foundation
import GRDB

/// A row of `accessToken`.
struct AccessTokenRecord: StoredRecord {
    static let databaseTableName = "accessToken"

    var id: Int64?
    var userId: Int64
    var tokenHash: String
    var label: String
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var info: AccessTokenInfo {
        AccessTokenInfo(id: id ?? 0, userId: userId, label: label, createdAt: createdAt, expiresAt: expiresAt, revokedAt: revokedAt)
    }
}
