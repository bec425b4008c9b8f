import AssistCore
import Foundation
import LibPQ
import OpenSSLCrypto

extension PostgresDatabase: AuditLog {
    public func auditEntries(subject: String?) async throws -> [AuditEntry] {
        try await pool.withConnection { connection in
            let rows = if let subject {
                try connection.query("SELECT * FROM auditEntry WHERE subject = $1 ORDER BY id", [.text(subject)])
            } else {
                try connection.query("SELECT * FROM auditEntry ORDER BY id")
            }
            return (0..<rows.rows.count).map { Self.auditEntry(rows, $0) }
        }
    }

    public func recordAudit(action: String, subject: String, detail: String, actor: Int64?, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            try Self.append(connection, AuditNote(action: action, subject: subject, detail: detail, actor: actor), at: instant)
        }
    }

    public func recordAuditOnChange(_ note: AuditNote, at instant: Date) async throws -> Bool {
        try await pool.transaction(.readCommitted) { connection in
            // The head first: two nodes starting at once then compare against each other's entry.
            let head = try Self.lockedHead(connection)
            let last = try connection.query(
                "SELECT detail FROM auditEntry WHERE action = $1 ORDER BY id DESC LIMIT 1", [.text(AuditEntry.storable(note.action))]
            ).text(0, "detail")
            guard last != AuditEntry.storable(note.detail) else { return false }
            try Self.append(connection, note, after: head, at: instant)
            return true
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await pool.transaction(.repeatableRead) { connection in
            var walk = AuditChain.Walk(digest: { SHA256Digest.hex(of: $0) })
            // In pages, so a long log is never held in memory at once.
            var after: Int64 = 0
            while true {
                let rows = try connection.query("SELECT * FROM auditEntry WHERE id > $1::bigint ORDER BY id LIMIT 5000", [PostgresParameter(after)])
                guard !rows.rows.isEmpty else { break }
                for index in rows.rows.indices {
                    let entry = Self.auditEntry(rows, index)
                    walk.check(entry)
                    after = entry.id
                }
            }
            return walk.verdict
        }
    }

    /// The chain's head, locked until the caller's transaction ends: appends from every node
    /// queue here, so each entry follows the one committed before it.
    static func lockedHead(_ connection: PostgresConnection) throws -> (id: Int64, hash: String)? {
        let head = try connection.query("SELECT lastId, lastHash FROM auditHead FOR UPDATE")
        guard let id = head.int(0, "lastId"), let hash = head.text(0, "lastHash") else {
            throw PostgresError(kind: .statement, message: "the audit log's head row is missing: the schema is damaged")
        }
        return id == 0 ? nil : (id, hash)
    }

    /// Appends `note` in the caller's transaction.
    static func append(_ connection: PostgresConnection, _ note: AuditNote, at instant: Date) throws {
        try append(connection, note, after: try lockedHead(connection), at: instant)
    }

    private static func append(_ connection: PostgresConnection, _ note: AuditNote, after head: (id: Int64, hash: String)?, at instant: Date) throws {
        let entry = AuditChain.next(
            after: head, action: note.action, subject: note.subject, detail: note.detail, actor: note.actor, at: instant,
            digest: { SHA256Digest.hex(of: $0) })
        try connection.query(
            """
            INSERT INTO auditEntry (id, atMillis, actorUserId, action, subject, detail, previousHash, hash)
            VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5, $6, $7, $8)
            """,
            [
                PostgresParameter(entry.id), PostgresParameter(Int64((entry.at.timeIntervalSince1970 * 1000).rounded())),
                PostgresParameter(entry.actorUserId), .text(entry.action), .text(entry.subject), .text(entry.detail),
                .text(entry.previousHash), .text(entry.hash),
            ])
        try connection.query("UPDATE auditHead SET lastId = $1::bigint, lastHash = $2", [PostgresParameter(entry.id), .text(entry.hash)])
    }

    static func auditEntry(_ rows: PostgresRows, _ index: Int) -> AuditEntry {
        AuditEntry(
            id: rows.int(index, "id") ?? 0, at: Date(timeIntervalSince1970: Double(rows.int(index, "atMillis") ?? 0) / 1000),
            actorUserId: rows.int(index, "actorUserId"), action: rows.text(index, "action") ?? "", subject: rows.text(index, "subject") ?? "",
            detail: rows.text(index, "detail") ?? "", previousHash: rows.text(index, "previousHash") ?? "", hash: rows.text(index, "hash") ?? "")
    }
}
