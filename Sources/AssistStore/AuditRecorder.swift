import AssistCore
import Foundation
import GRDB
import OpenSSLCrypto

/// Writes audit entries inside the caller's transaction, so an audited action and its entry
/// are stored together or not at all.
enum AuditRecorder {
    static func append(
        _ db: Database, action: String, subject: String, detail: String, actor: Int64?, at instant: Date
    ) throws {
        let head = try Row.decodeFirst(db.cachedStatement(sql: "SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1")) { row in
            (id: row[0] as Int64, hash: row[1] as String)
        }
        let entry = AuditChain.next(
            after: head, action: action, subject: subject, detail: detail, actor: actor, at: instant, digest: { SHA256Digest.hex(of: $0) })
        try db.cachedStatement(
            sql: "INSERT INTO auditEntry (id, atMillis, actorUserId, action, subject, detail, previousHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [
            entry.id, Int64((entry.at.timeIntervalSince1970 * 1000).rounded()), entry.actorUserId, entry.action, entry.subject, entry.detail,
            entry.previousHash, entry.hash,
        ])
    }

    /// Appends what the desk worded for a change, in the change's transaction.
    static func append(_ db: Database, _ note: AuditNote, at instant: Date) throws {
        try append(db, action: note.action, subject: note.subject, detail: note.detail, actor: note.actor, at: instant)
    }

    static func entry(_ row: Row) -> AuditEntry {
        let millis: Int64 = row["atMillis"]
        return AuditEntry(
            id: row["id"], at: Date(timeIntervalSince1970: Double(millis) / 1000), actorUserId: row["actorUserId"],
            action: row["action"], subject: row["subject"], detail: row["detail"], previousHash: row["previousHash"], hash: row["hash"])
    }
}
