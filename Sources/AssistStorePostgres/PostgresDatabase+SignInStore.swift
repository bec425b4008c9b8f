import AssistCore
import Foundation
import LibPQ

/// Passwords, web sessions and set-password links live in the database, so every node knows
/// them: a session started on one node is good on the other, and one ended anywhere ends everywhere.
extension PostgresDatabase: SignInStore {
    public func passwordHash(userId: Int64) async throws -> String? {
        try await pool.withConnection { connection in
            try connection.query("SELECT hash FROM userPassword WHERE userId = $1::bigint", [PostgresParameter(userId)]).text(0, "hash")
        }
    }

    public func setPasswordHash(userId: Int64, hash: String, by actor: Int64?, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            try Self.storePassword(userId: userId, hash: hash, by: actor, how: actor == nil ? "offline" : "changed by its owner", at: instant, connection)
        }
    }

    public func createWebSession(userId: Int64, secretHash: String, csrfToken: String, at instant: Date) async throws -> WebSession {
        try await pool.withConnection { connection in
            let id = try connection.query(
                "INSERT INTO webSession (userId, secretHash, csrfToken, createdAt, lastSeenAt) VALUES ($1::bigint, $2, $3, $4::timestamptz, $4::timestamptz) RETURNING id",
                [PostgresParameter(userId), .text(secretHash), .text(csrfToken), PostgresParameter(instant)]
            ).int(0, "id") ?? 0
            return WebSession(id: id, userId: userId, csrfToken: csrfToken, createdAt: instant, lastSeenAt: instant)
        }
    }

    public func webSession(secretHash: String) async throws -> (session: WebSession, user: UserAccount)? {
        try await pool.withConnection { connection -> (session: WebSession, user: UserAccount)? in
            let rows = try connection.query("SELECT id, userId, csrfToken, createdAt, lastSeenAt FROM webSession WHERE secretHash = $1", [.text(secretHash)])
            guard !rows.rows.isEmpty else { return nil }
            let table = "webSession"
            let session = WebSession(
                id: try rows.requiredInt(0, "id", table: table), userId: try rows.requiredInt(0, "userId", table: table),
                csrfToken: try rows.required(0, "csrfToken", table: table), createdAt: try rows.requiredInstant(0, "createdAt", table: table),
                lastSeenAt: try rows.requiredInstant(0, "lastSeenAt", table: table))
            guard let user = try Self.user(id: session.userId, connection) else { return nil }
            return (session, user)
        }
    }

    public func touchWebSession(id: Int64, at instant: Date) async throws {
        try await pool.withConnection { connection in
            try connection.query("UPDATE webSession SET lastSeenAt = $2::timestamptz WHERE id = $1::bigint", [PostgresParameter(id), PostgresParameter(instant)])
        }
    }

    public func deleteWebSession(id: Int64) async throws {
        try await pool.withConnection { try $0.query("DELETE FROM webSession WHERE id = $1::bigint", [PostgresParameter(id)]) }
    }

    public func deleteWebSessions(userId: Int64) async throws -> Int {
        try await pool.withConnection { try $0.query("DELETE FROM webSession WHERE userId = $1::bigint", [PostgresParameter(userId)]).affected }
    }

    public func deleteExpiredWebSessions(idleBefore: Date, createdBefore: Date) async throws -> Int {
        try await pool.withConnection { connection in
            try connection.query(
                "DELETE FROM webSession WHERE lastSeenAt < $1::timestamptz OR createdAt < $2::timestamptz",
                [PostgresParameter(idleBefore), PostgresParameter(createdBefore)]
            ).affected
        }
    }

    public func addPasswordLink(userId: Int64, tokenHash: String, expiresAt: Date, audit: AuditNote, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            try Self.storePasswordLink(userId: userId, tokenHash: tokenHash, expiresAt: expiresAt, at: instant, connection)
            try Self.append(connection, audit, at: instant)
        }
    }

    public func mailPasswordLink(
        userId: Int64, tokenHash: String, expiresAt: Date, recipient: String, letter: (subject: String, body: String),
        sealedLink: [UInt8], notSince: Date?, audit: AuditNote, at instant: Date
    ) async throws -> Bool {
        let letter = OutgoingLetter(kind: "password-reset", recipient: recipient, letter)
        return try await pool.transaction(.readCommitted) { connection in
            // The person's row locked: two requests for a link on two nodes take turns, and the
            // second sees the first's letter.
            try connection.query("SELECT id FROM userAccount WHERE id = $1::bigint FOR UPDATE", [PostgresParameter(userId)])
            if let notSince {
                let recent = try connection.query(
                    "SELECT EXISTS (SELECT 1 FROM notification WHERE kind = 'password-reset' AND recipient = $1 AND createdAt >= $2::timestamptz) AS sent",
                    [.text(recipient), PostgresParameter(notSince)]
                ).bool(0, "sent") ?? false
                guard !recent else { return false }
            }
            try Self.storePasswordLink(userId: userId, tokenHash: tokenHash, expiresAt: expiresAt, at: instant, connection)
            let notificationId = try Self.queue(letter, ticketId: nil, at: instant, connection)
            try connection.query("INSERT INTO letterSecret (notificationId, sealed) VALUES ($1::bigint, $2)", [PostgresParameter(notificationId), .bytes(sealedLink)])
            try Self.append(connection, audit, at: instant)
            return true
        }
    }

    public func passwordLinkUserId(tokenHash: String, at instant: Date) async throws -> Int64? {
        try await pool.withConnection { connection in
            try connection.query(
                "SELECT userId FROM passwordLink WHERE tokenHash = $1 AND usedAt IS NULL AND expiresAt > $2::timestamptz",
                [.text(tokenHash), PostgresParameter(instant)]
            ).int(0, "userId")
        }
    }

    public func usePasswordLink(tokenHash: String, newHash: String, at instant: Date) async throws -> Int64? {
        try await pool.transaction(.readCommitted) { connection in
            // Spent once: of two uses at once (two nodes), one marks it and goes on.
            guard let userId = try connection.query(
                "UPDATE passwordLink SET usedAt = $2::timestamptz WHERE tokenHash = $1 AND usedAt IS NULL AND expiresAt > $2::timestamptz RETURNING userId",
                [.text(tokenHash), PostgresParameter(instant)]
            ).int(0, "userId") else { return nil }
            try Self.storePassword(userId: userId, hash: newHash, by: userId, how: "set through a one-time link", at: instant, connection)
            return userId
        }
    }

    /// A new password ends every web session of the user and voids the links still out.
    private static func storePassword(
        userId: Int64, hash: String, by actor: Int64?, how: String, at instant: Date, _ connection: PostgresConnection
    ) throws {
        try connection.query(
            """
            INSERT INTO userPassword (userId, hash, setAt) VALUES ($1::bigint, $2, $3::timestamptz)
            ON CONFLICT (userId) DO UPDATE SET hash = excluded.hash, setAt = excluded.setAt
            """, [PostgresParameter(userId), .text(hash), PostgresParameter(instant)])
        try connection.query("DELETE FROM webSession WHERE userId = $1::bigint", [PostgresParameter(userId)])
        try voidPasswordLinks(userId: userId, at: instant, connection)
        try append(connection, AccessAudit.passwordSet(userId: userId, how: how, by: actor), at: instant)
    }

    /// One usable link per person: a new one voids the others.
    private static func storePasswordLink(userId: Int64, tokenHash: String, expiresAt: Date, at instant: Date, _ connection: PostgresConnection) throws {
        try voidPasswordLinks(userId: userId, at: instant, connection)
        try connection.query(
            "INSERT INTO passwordLink (tokenHash, userId, createdAt, expiresAt) VALUES ($1, $2::bigint, $3::timestamptz, $4::timestamptz)",
            [.text(tokenHash), PostgresParameter(userId), PostgresParameter(instant), PostgresParameter(expiresAt)])
    }

    private static func voidPasswordLinks(userId: Int64, at instant: Date, _ connection: PostgresConnection) throws {
        try connection.query(
            "UPDATE passwordLink SET usedAt = $2::timestamptz WHERE userId = $1::bigint AND usedAt IS NULL", [PostgresParameter(userId), PostgresParameter(instant)])
    }
}
