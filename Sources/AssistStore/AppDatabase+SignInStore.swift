import AssistCore
import Foundation
import GRDB

extension AppDatabase: SignInStore {
    public func passwordHash(userId: Int64) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM userPassword WHERE userId = ?", arguments: [userId])
        }
    }

    public func setPasswordHash(userId: Int64, hash: String, by actor: Int64?, at instant: Date) async throws {
        try await write { db in
            try Self.storePassword(userId: userId, hash: hash, by: actor, how: actor == nil ? "offline" : "changed by its owner", at: instant, db)
        }
    }

    public func createWebSession(userId: Int64, secretHash: String, csrfToken: String, at instant: Date) async throws -> WebSession {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO webSession (userId, secretHash, csrfToken, createdAt, lastSeenAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [userId, secretHash, csrfToken, instant, instant])
            return WebSession(id: db.lastInsertedRowID, userId: userId, csrfToken: csrfToken, createdAt: instant, lastSeenAt: instant)
        }
    }

    public func webSession(secretHash: String) async throws -> (session: WebSession, user: UserAccount)? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, userId, csrfToken, createdAt, lastSeenAt FROM webSession WHERE secretHash = ?", arguments: [secretHash])
            else { return nil }
            let session = WebSession(
                id: row["id"], userId: row["userId"], csrfToken: row["csrfToken"], createdAt: row["createdAt"], lastSeenAt: row["lastSeenAt"])
            guard let user = try UserRecord.fetchOne(db, key: session.userId)?.account else { return nil }
            return (session, user)
        }
    }

    public func touchWebSession(id: Int64, at instant: Date) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE webSession SET lastSeenAt = ? WHERE id = ?", arguments: [instant, id])
        }
    }

    public func deleteWebSession(id: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM webSession WHERE id = ?", arguments: [id])
        }
    }

    public func deleteWebSessions(userId: Int64) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM webSession WHERE userId = ?", arguments: [userId])
            return db.changesCount
        }
    }

    public func deleteExpiredWebSessions(idleBefore: Date, createdBefore: Date) async throws -> Int {
        try await write { db in
            try db.execute(sql: "DELETE FROM webSession WHERE lastSeenAt < ? OR createdAt < ?", arguments: [idleBefore, createdBefore])
            return db.changesCount
        }
    }

    public func addPasswordLink(userId: Int64, tokenHash: String, expiresAt: Date, audit: AuditNote, at instant: Date) async throws {
        try await write { db in
            try Self.storePasswordLink(userId: userId, tokenHash: tokenHash, expiresAt: expiresAt, at: instant, db)
            try AuditRecorder.append(db, audit, at: instant)
        }
    }

    public func mailPasswordLink(
        userId: Int64, tokenHash: String, expiresAt: Date, recipient: String, letter: (subject: String, body: String),
        sealedLink: [UInt8], notSince: Date?, audit: AuditNote, at instant: Date
    ) async throws -> Bool {
        try await write { db in
            if let notSince {
                let recent = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM notification WHERE kind = 'password-reset' AND recipient = ? AND createdAt >= ?)
                    """, arguments: [recipient, notSince]) ?? false
                guard !recent else { return false }
            }
            try Self.storePasswordLink(userId: userId, tokenHash: tokenHash, expiresAt: expiresAt, at: instant, db)
            let notificationId = try Self.notify(kind: "password-reset", ticketId: nil, recipient: recipient, letter, at: instant, db)
            try db.execute(sql: "INSERT INTO letterSecret (notificationId, sealed) VALUES (?, ?)", arguments: [notificationId, Data(sealedLink)])
            try AuditRecorder.append(db, audit, at: instant)
            return true
        }
    }

    public func passwordLinkUserId(tokenHash: String, at instant: Date) async throws -> Int64? {
        try await writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT userId FROM passwordLink WHERE tokenHash = ? AND usedAt IS NULL AND expiresAt > ?", arguments: [tokenHash, instant])
        }
    }

    public func usePasswordLink(tokenHash: String, newHash: String, at instant: Date) async throws -> Int64? {
        try await write { db in
            guard let userId = try Int64.fetchOne(
                db, sql: "SELECT userId FROM passwordLink WHERE tokenHash = ? AND usedAt IS NULL AND expiresAt > ?", arguments: [tokenHash, instant])
            else { return nil }
            try db.execute(sql: "UPDATE passwordLink SET usedAt = ? WHERE tokenHash = ?", arguments: [instant, tokenHash])
            try Self.storePassword(userId: userId, hash: newHash, by: userId, how: "set through a one-time link", at: instant, db)
            return userId
        }
    }

    /// A new password ends every web session of the user: whoever knew the old one is out.
    private static func storePassword(userId: Int64, hash: String, by actor: Int64?, how: String, at instant: Date, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO userPassword (userId, hash, setAt) VALUES (?, ?, ?) ON CONFLICT(userId) DO UPDATE SET hash = excluded.hash, setAt = excluded.setAt",
            arguments: [userId, hash, instant])
        try db.execute(sql: "DELETE FROM webSession WHERE userId = ?", arguments: [userId])
        // A password set any way voids the links still out: a leaked one must not outlive it.
        try voidPasswordLinks(userId: userId, at: instant, db)
        // The hash never reaches the log: only that the password changed, and how.
        try AuditRecorder.append(db, AccessAudit.passwordSet(userId: userId, how: how, by: actor), at: instant)
    }

    /// One usable link per person: a new one (say, because the first leaked) voids the others.
    private static func storePasswordLink(userId: Int64, tokenHash: String, expiresAt: Date, at instant: Date, _ db: Database) throws {
        try voidPasswordLinks(userId: userId, at: instant, db)
        try db.execute(
            sql: "INSERT INTO passwordLink (tokenHash, userId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
            arguments: [tokenHash, userId, instant, expiresAt])
    }

    private static func voidPasswordLinks(userId: Int64, at instant: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE passwordLink SET usedAt = ? WHERE userId = ? AND usedAt IS NULL", arguments: [instant, userId])
    }
}
