import AssistCore

/// The hash-chained audit log, for admins.
public struct AuditDesk: Sendable {
    let audit: any AuditLog

    /// Every entry, or those of one subject (e.g. `ticket:TID-2026-000042`).
    public func entries(_ actor: UserAccount, subject: String?) async throws -> [AuditEntry] {
        try actor.require(.admin)
        return try await audit.auditEntries(subject: subject)
    }

    /// Walks the whole hash chain: intact, or where it breaks.
    public func verify(_ actor: UserAccount) async throws -> AuditVerification {
        try actor.require(.admin)
        return try await audit.verifyAuditChain()
    }
}
