import Foundation

/// Appends to and checks the audit log.
public protocol AuditLog: Sendable {
    func auditEntries(subject: String?) async throws -> [AuditEntry]
    /// Appends one entry on its own, for what is audited without changing anything else (a
    /// sign-in lockout); a change and its entry are written together by the change's own function.
    func recordAudit(action: String, subject: String, detail: String, actor: Int64?, at instant: Date) async throws
    /// Appends `note` unless the latest entry of its action says the same (settings a restart
    /// did not change); returns whether it was appended.
    func recordAuditOnChange(_ note: AuditNote, at instant: Date) async throws -> Bool
    /// Walks the whole chain and reports the first entry that was changed, removed or reordered.
    func verifyAuditChain() async throws -> AuditVerification
}
