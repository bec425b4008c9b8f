import AssistCore
import Foundation
import GRDB

extension AppDatabase: EntitlementStore {
    public func phoneInstall(customerId: Int64) async throws -> PhoneInstallEntitlement {
        try await writer.read { try Self.phoneInstall(customerId, $0) }
    }

    public func usePhoneInstall(customerId: Int64, ticketId: Int64, tid: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement {
        try await write { db in
            try Self.usePhoneInstall(customerId: customerId, ticketId: ticketId, tid: tid, by: userId, at: instant, db)
            return try Self.phoneInstall(customerId, db)
        }
    }

    /// Spends the one-time phone install inside the caller's transaction (the partial unique
    /// index lets it be spent once), audited there too.
    static func usePhoneInstall(customerId: Int64, ticketId: Int64, tid: String, by userId: Int64, at instant: Date, _ db: Database) throws {
        do {
            try db.execute(
                sql: "INSERT INTO phoneInstallUse (customerId, ticketId, usedAt, usedByUserId) VALUES (?, ?, ?, ?)",
                arguments: [customerId, ticketId, instant, userId])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw EntitlementError.phoneInstallUsed(usedOnTicket: try phoneInstall(customerId, db).usedOnTicket)
        }
        try AuditRecorder.append(db, EntitlementAudit.used(customerId: customerId, tid: tid, by: userId), at: instant)
    }

    public func restorePhoneInstall(customerId: Int64, reason: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement {
        try await write { db in
            try db.execute(
                sql: "UPDATE phoneInstallUse SET restoredAt = ?, restoredByUserId = ?, restoreReason = ? WHERE customerId = ? AND restoredAt IS NULL",
                arguments: [instant, userId, reason, customerId])
            guard db.changesCount == 1 else { throw EntitlementError.phoneInstallAvailable }
            try AuditRecorder.append(db, EntitlementAudit.restored(customerId: customerId, reason: reason, by: userId), at: instant)
            return try Self.phoneInstall(customerId, db)
        }
    }

    static func phoneInstall(_ customerId: Int64, _ db: Database) throws -> PhoneInstallEntitlement {
        let active = try Row.fetchOne(db, sql: """
            SELECT u.usedAt, u.usedByUserId, t.tid FROM phoneInstallUse u JOIN ticket t ON t.id = u.ticketId
            WHERE u.customerId = ? AND u.restoredAt IS NULL
            """, arguments: [customerId])
        let restorations = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM phoneInstallUse WHERE customerId = ? AND restoredAt IS NOT NULL", arguments: [customerId]) ?? 0
        return PhoneInstallEntitlement(
            customerId: customerId, available: active == nil, usedAt: active?["usedAt"], usedByUserId: active?["usedByUserId"],
            usedOnTicket: active?["tid"], restorations: restorations)
    }
}
