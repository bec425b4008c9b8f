import Foundation

/// Appends to and checks the audit log.
public protocol AuditLog: Sendable {
    func auditEntries(subject: String?) async throws -> [AuditEntry]
    /// Walks the whole chain and reports the first entry that was changed, removed or reordered.
    func verifyAuditChain() async throws -> AuditVerification
}
