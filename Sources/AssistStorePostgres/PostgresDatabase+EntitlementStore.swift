import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: EntitlementStore {
    public func phoneInstall(customerId: Int64) async throws -> PhoneInstallEntitlement {
        try await pool.withConnection { try Self.phoneInstall(customerId, $0) }
    }

    public func usePhoneInstall(customerId: Int64, ticketId: Int64, tid: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement {
        try await pool.transaction(.readCommitted) { connection in
            try Self.usePhoneInstall(customerId: customerId, ticketId: ticketId, tid: tid, by: userId, at: instant, connection)
            return try Self.phoneInstall(customerId, connection)
        }
    }

    /// Spends the one-time phone install in the caller's transaction: the partial unique index
    /// lets one use stand per customer, whichever node inserts it; a second insert does nothing
    /// (so the transaction stays usable) and is answered with the use that stands.
    static func usePhoneInstall(
        customerId: Int64, ticketId: Int64, tid: String, by userId: Int64, at instant: Date, _ connection: PostgresConnection
    ) throws {
        let inserted = try connection.query(
            """
            INSERT INTO phoneInstallUse (customerId, ticketId, usedAt, usedByUserId) VALUES ($1::bigint, $2::bigint, $3::timestamptz, $4::bigint)
            ON CONFLICT DO NOTHING RETURNING id
            """, [PostgresParameter(customerId), PostgresParameter(ticketId), PostgresParameter(instant), PostgresParameter(userId)])
        guard !inserted.rows.isEmpty else {
            throw EntitlementError.phoneInstallUsed(usedOnTicket: try phoneInstall(customerId, connection).usedOnTicket)
        }
        try append(connection, EntitlementAudit.used(customerId: customerId, tid: tid, by: userId), at: instant)
    }

    public func restorePhoneInstall(customerId: Int64, reason: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement {
        try await pool.transaction(.readCommitted) { connection in
            let restored = try connection.query(
                """
                UPDATE phoneInstallUse SET restoredAt = $2::timestamptz, restoredByUserId = $3::bigint, restoreReason = $4
                WHERE customerId = $1::bigint AND restoredAt IS NULL
                """, [PostgresParameter(customerId), PostgresParameter(instant), PostgresParameter(userId), .text(reason)])
            guard restored.affected == 1 else { throw EntitlementError.phoneInstallAvailable }
            try Self.append(connection, EntitlementAudit.restored(customerId: customerId, reason: reason, by: userId), at: instant)
            return try Self.phoneInstall(customerId, connection)
        }
    }

    static func phoneInstall(_ customerId: Int64, _ connection: PostgresConnection) throws -> PhoneInstallEntitlement {
        let active = try connection.query(
            """
            SELECT u.usedAt, u.usedByUserId, t.tid FROM phoneInstallUse u JOIN ticket t ON t.id = u.ticketId
            WHERE u.customerId = $1::bigint AND u.restoredAt IS NULL
            """, [PostgresParameter(customerId)])
        let restorations = try connection.query(
            "SELECT count(*) AS n FROM phoneInstallUse WHERE customerId = $1::bigint AND restoredAt IS NOT NULL", [PostgresParameter(customerId)]
        ).int(0, "n") ?? 0
        let used = !active.rows.isEmpty
        return PhoneInstallEntitlement(
            customerId: customerId, available: !used, usedAt: used ? active.instant(0, "usedAt") : nil,
            usedByUserId: used ? active.int(0, "usedByUserId") : nil, usedOnTicket: used ? active.text(0, "tid") : nil, restorations: Int(restorations))
    }
}
