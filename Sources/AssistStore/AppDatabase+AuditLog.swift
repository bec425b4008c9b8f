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
            var expectedPrevious = AuditEntry.genesisHash
            var expectedId: Int64 = 1
            var count = 0
            var first: (entry: Int64, reason: String)?
            var laterBreaks: [Int64] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM auditEntry ORDER BY id")
            while let row = try cursor.next() {
                let entry = AuditRecorder.entry(row)
                if let reason = Self.breakReason(entry, expectedId: expectedId, expectedPrevious: expectedPrevious) {
                    if first == nil { first = (entry.id, reason) } else { laterBreaks.append(entry.id) }
                }
                // Go on from this entry as stored, so each later break is reported where it is.
                expectedPrevious = entry.hash
                expectedId = entry.id + 1
                count += 1
            }
            guard let first else { return .intact(entries: count) }
            return .broken(atEntry: first.entry, reason: first.reason, laterBreaks: laterBreaks)
        }
    }

    /// Why `entry` does not belong where it is in the chain, or nil when it does.
    private static func breakReason(_ entry: AuditEntry, expectedId: Int64, expectedPrevious: String) -> String? {
        if entry.id != expectedId {
            return "entries \(expectedId)…\(entry.id - 1) before it were removed"
        }
        if entry.previousHash != expectedPrevious {
            return "it does not follow the entry before it (an entry was removed, replaced or reordered)"
        }
        let recomputed = SHA256Digest.hex(of: AuditEntry.canonical(
            id: entry.id, at: entry.at, actorUserId: entry.actorUserId, action: entry.action, subject: entry.subject,
            detail: entry.detail, previousHash: entry.previousHash))
        return recomputed == entry.hash ? nil : "its content was changed after it was written"
    }
}
