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
        let action = AuditEntry.storable(action), subject = AuditEntry.storable(subject), detail = AuditEntry.storable(detail)
        let last = try Row.decodeFirst(db.cachedStatement(sql: "SELECT id, hash FROM auditEntry ORDER BY id DESC LIMIT 1")) { row in
            (id: row[0] as Int64, hash: row[1] as String)
        }
        let id = (last?.id ?? 0) + 1
        let previous = last?.hash ?? AuditEntry.genesisHash
        let at = Date(timeIntervalSince1970: (instant.timeIntervalSince1970 * 1000).rounded() / 1000)
        let hash = SHA256Digest.hex(of: AuditEntry.canonical(
            id: id, at: at, actorUserId: actor, action: action, subject: subject, detail: detail, previousHash: previous))
        try db.cachedStatement(
            sql: "INSERT INTO auditEntry (id, atMillis, actorUserId, action, subject, detail, previousHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ).execute(arguments: [id, Int64((at.timeIntervalSince1970 * 1000).rounded()), actor, action, subject, detail, previous, hash])
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
