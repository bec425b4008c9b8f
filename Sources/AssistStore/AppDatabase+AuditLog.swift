import AssistCore
import Foundation
import GRDB
import OpenSSLCrypto

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

    public func recordAudit(action: String, subject: String, detail: String, actor: Int64?, at instant: Date) async throws {
        try await write { db in
            try AuditRecorder.append(db, action: action, subject: subject, detail: detail, actor: actor, at: instant)
        }
    }

    public func recordAuditOnChange(_ note: AuditNote, at instant: Date) async throws -> Bool {
        try await write { db in
            let last = try String.fetchOne(
                db, sql: "SELECT detail FROM auditEntry WHERE action = ? ORDER BY id DESC LIMIT 1", arguments: [AuditEntry.storable(note.action)])
            guard last != AuditEntry.storable(note.detail) else { return false }
            try AuditRecorder.append(db, note, at: instant)
            return true
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await writer.read { db in
            var walk = AuditChain.Walk(digest: { SHA256Digest.hex(of: $0) })
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM auditEntry ORDER BY id")
            while let row = try cursor.next() { walk.check(AuditRecorder.entry(row)) }
            return walk.verdict
        }
    }
}
