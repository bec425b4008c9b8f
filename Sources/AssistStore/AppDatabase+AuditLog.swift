import AssistCore
import Foundation
import GRDB
import OpenSSLTLS

extension AppDatabase: AuditLog {
    public func auditEntries(subject: String?) async throws -> [AuditEntry] {
        try await writer.read { db in
            let rows = if let subject {
                try Row.fetchAll(db, sql: "SELECT * FROM auditEntry WHERE subject = ? ORDER BY id", arguments: [subject])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM auditEntry ORDER BY id")
            }
            return rows.map(AuditRecorder.entry)
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await writer.read { db in
            var expectedPrevious = AuditEntry.genesisHash
            var expectedId: Int64 = 1
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM auditEntry ORDER BY id")
            while let row = try cursor.next() {
                let entry = AuditRecorder.entry(row)
                if entry.id != expectedId {
                    return .broken(atEntry: entry.id, reason: "entries \(expectedId)…\(entry.id - 1) before it were removed")
                }
                if entry.previousHash != expectedPrevious {
                    return .broken(atEntry: entry.id, reason: "it does not follow the entry before it (an entry was removed, replaced or reordered)")
                }
                let recomputed = SHA256Digest.hex(of: AuditEntry.canonical(
                    id: entry.id, at: entry.at, actorUserId: entry.actorUserId, action: entry.action, subject: entry.subject,
                    detail: entry.detail, previousHash: entry.previousHash))
                if recomputed != entry.hash {
                    return .broken(atEntry: entry.id, reason: "its content was changed after it was written")
                }
                expectedPrevious = entry.hash
                expectedId += 1
                count += 1
            }
            return .intact(entries: count)
        }
    }
}
