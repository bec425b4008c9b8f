import AssistCore
import Foundation
import GRDB
import OpenSSLCrypto

/// The SQLite `SessionStore`: session records in the app database, credentials sealed with
/// AES-256-GCM under the key from the credentials key file.
public struct SessionDatabase: SessionStore {
    let database: AppDatabase
    let key: [UInt8]?

    /// - Parameter key: 32 bytes, never logged; nil in a process that holds none (an MTA's pipe):
    ///   then sealing or opening credentials is refused (`credentialsKeyMissing`).
    public init(database: AppDatabase, key: [UInt8]?) {
        self.database = database
        self.key = key
    }

    public func openSession(
        _ new: NewRemoteSession, credentials: SessionCredentials, at instant: Date,
        letter: @escaping @Sendable (_ sessionId: Int64, _ sender: String) -> OutgoingLetter
    ) async throws -> RemoteSession {
        try await write { db in
            // Inserted with its sealed credentials at once, under the id the row will have (the box
            // is bound to it): a sealing written as an update would count as replaced credentials,
            // and every session opened would empty the write-ahead log for nothing.
            let id = try Int64.fetchOne(db, sql: "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'remoteSession'), 0) + 1") ?? 1
            try db.execute(sql: """
                INSERT INTO remoteSession (id, ticketId, tool, customerRemoteId, agentRemoteId, agentUserId, agentName, state, joinExpiresAt, createdAt, credentials)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?)
                """, arguments: [id, new.ticketId, new.tool.rawValue, new.customerRemoteId, new.agentRemoteId, new.agentUserId, new.agentName,
                                 new.joinExpiresAt, instant, try sealed(credentials, id: id)])
            if let sender = try String.fetchOne(db, sql: "SELECT senderEmail FROM ticket WHERE id = ?", arguments: [new.ticketId]) {
                try AppDatabase.queue(letter(id, sender), ticketId: new.ticketId, at: instant, db)
            }
            try AuditRecorder.append(db, SessionAudit.opened(new, id: id), at: instant)
            return try session(id, instant, db)
        }
    }

    public func session(id: Int64, at instant: Date) async throws -> RemoteSession? {
        try await write { db in
            do {
                return try session(id, instant, db)
            } catch SessionStoreError.sessionNotFound {
                return nil
            }
        }
    }

    public func sessions(ticketId: Int64, at instant: Date) async throws -> [RemoteSession] {
        try await write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM remoteSession WHERE ticketId = ? ORDER BY id", arguments: [ticketId])
            return try ids.map { try session($0, instant, db) }
        }
    }

    public func readCredentials(sessionId: Int64, readerUserId: Int64, readerRole: String, at instant: Date) async throws -> SessionCredentials {
        try await write { db in
            let current = try session(sessionId, instant, db)
            try SessionRule.checkReading(current)
            guard let credentials = try open(sessionId, db) else { throw SessionStoreError.credentialsWiped }
            try AuditRecorder.append(db, SessionAudit.credentialsRead(current, by: readerUserId, role: readerRole), at: instant)
            return credentials
        }
    }

    public func join(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        // A wrong PIN is a result, not a thrown error, inside the transaction: its count and
        // audit entry must commit, and a throw would roll them back.
        let outcome: Result<RemoteSession, SessionStoreError> = try await write { db in
            let current = try session(sessionId, instant, db)
            try SessionRule.checkJoin(current)
            guard var credentials = try open(sessionId, db), let expected = credentials.pin else { throw SessionStoreError.pinUsed }
            guard ConstantTime.equal(expected, pin) else {
                return .failure(try countWrongPIN(current, by: userId, at: instant, db))
            }
            credentials.pin = nil
            try seal(credentials, id: sessionId, db)
            try db.execute(sql: "UPDATE remoteSession SET state = 'active', activatedAt = ? WHERE id = ?", arguments: [instant, sessionId])
            try AuditRecorder.append(db, SessionAudit.joined(current, by: userId), at: instant)
            return .success(try session(sessionId, instant, db))
        }
        return try outcome.get()
    }

    public func reissuePIN(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await write { db in
            let current = try session(sessionId, instant, db)
            try SessionRule.checkPINReissue(current)
            guard var credentials = try open(sessionId, db) else { throw SessionStoreError.credentialsWiped }
            credentials.pin = pin
            try seal(credentials, id: sessionId, db)
            try db.execute(sql: "UPDATE remoteSession SET pinFailures = 0 WHERE id = ?", arguments: [sessionId])
            try AuditRecorder.append(db, SessionAudit.pinReissued(current, by: userId), at: instant)
            return try session(sessionId, instant, db)
        }
    }

    public func passPassword(sessionId: Int64, password: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await write { db in
            let current = try session(sessionId, instant, db)
            try SessionRule.checkPasswordHandOver(current)
            guard var credentials = try open(sessionId, db) else { throw SessionStoreError.credentialsWiped }
            credentials.passedPassword = password
            try seal(credentials, id: sessionId, db)
            try db.execute(sql: "UPDATE remoteSession SET hasPassedPassword = 1 WHERE id = ?", arguments: [sessionId])
            return try session(sessionId, instant, db)
        }
    }

    public func end(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await finish(sessionId, as: .ended, by: userId, at: instant)
    }

    public func cancel(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await finish(sessionId, as: .cancelled, by: userId, at: instant)
    }

    /// Every write of sessions: a write that wiped credentials (ended, expired) or replaced them
    /// (a spent PIN) returns only once no older copy is left in the write-ahead log (`AppDatabase.write`).
    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await database.write(updates)
    }

    public func expireSessions(activeBefore cutoff: Date, at instant: Date) async throws -> Int {
        try await write { db in
            var count = 0
            let late = try Row.fetchAll(db, sql: """
                SELECT s.id, s.state, s.joinExpiresAt, t.tid FROM remoteSession s JOIN ticket t ON t.id = s.ticketId
                WHERE (s.state = 'issued' AND s.joinExpiresAt < ?) OR (s.state = 'active' AND s.activatedAt < ?)
                """, arguments: [instant, cutoff])
            for row in late {
                let id: Int64 = row["id"], tid: String = row["tid"]
                let issued = (row["state"] as String) == RemoteSessionState.issued.rawValue
                let endedAt: Date = issued ? row["joinExpiresAt"] : instant
                try AppDatabase.closeRemoteSession(
                    id, as: issued ? .expired : .ended, endedAt: endedAt,
                    audit: issued ? SessionAudit.expired(id, tid: tid, deadline: endedAt) : SessionAudit.ranTooLong(id, tid: tid), at: instant, db)
                count += 1
            }
            return count
        }
    }

    // MARK: - Inside a transaction

    /// Counts a wrong PIN and audits it (never the PIN tried); the last allowed one locks it.
    private func countWrongPIN(_ current: RemoteSession, by userId: Int64, at instant: Date, _ db: Database) throws -> SessionStoreError {
        try db.execute(sql: "UPDATE remoteSession SET pinFailures = pinFailures + 1 WHERE id = ?", arguments: [current.id])
        let failures = try Int.fetchOne(db, sql: "SELECT pinFailures FROM remoteSession WHERE id = ?", arguments: [current.id]) ?? 0
        try AuditRecorder.append(db, SessionAudit.pinFailed(current, failures: failures, by: userId), at: instant)
        let refusal = SessionRule.wrongPIN(failures: failures)
        if refusal == .pinLocked {
            try AuditRecorder.append(db, SessionAudit.pinLocked(current, by: userId), at: instant)
        }
        return refusal
    }

    private func finish(
        _ id: Int64, as state: RemoteSessionState, by userId: Int64, at instant: Date
    ) async throws -> RemoteSession {
        try await write { db in
            let current = try session(id, instant, db)
            try SessionRule.checkFinish(current, as: state)
            try AppDatabase.closeRemoteSession(
                id, as: state, endedAt: instant, audit: SessionAudit.finished(id, tid: current.tid, as: state, by: userId), at: instant, db)
            return try session(id, instant, db)
        }
    }

    /// Reads a session, first expiring it (and wiping its credentials) if nobody joined in time.
    private func session(_ id: Int64, _ instant: Date, _ db: Database) throws -> RemoteSession {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.*, t.tid FROM remoteSession s JOIN ticket t ON t.id = s.ticketId WHERE s.id = ?
            """, arguments: [id])
        else { throw SessionStoreError.sessionNotFound }
        var state = try StoredValue.parse(RemoteSessionState.self, row["state"] as String, table: "remoteSession", column: "state")
        var endedAt: Date? = row["endedAt"]
        let joinExpiresAt: Date = row["joinExpiresAt"]
        if state == .issued, instant > joinExpiresAt {
            state = .expired
            endedAt = joinExpiresAt
            try db.execute(
                sql: "UPDATE remoteSession SET state = 'expired', endedAt = ?, credentials = NULL WHERE id = ?", arguments: [joinExpiresAt, id])
        }
        return RemoteSession(
            id: id, ticketId: row["ticketId"], tid: row["tid"], tool: try StoredValue.parse(RemoteTool.self, row["tool"] as String, table: "remoteSession", column: "tool"),
            customerRemoteId: row["customerRemoteId"], agentRemoteId: row["agentRemoteId"], agentUserId: row["agentUserId"],
            agentName: row["agentName"], state: state, joinExpiresAt: joinExpiresAt, createdAt: row["createdAt"],
            activatedAt: row["activatedAt"], endedAt: endedAt, hasPassedPassword: row["hasPassedPassword"],
            pinLocked: SessionRule.pinLocked(state: state, failures: row["pinFailures"]))
    }

    /// Replaces a session's sealed credentials (a spent PIN, a passed password).
    private func seal(_ credentials: SessionCredentials, id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE remoteSession SET credentials = ? WHERE id = ?", arguments: [try sealed(credentials, id: id), id])
    }

    private func sealed(_ credentials: SessionCredentials, id: Int64) throws -> Data {
        guard let key else { throw SessionStoreError.credentialsKeyMissing }
        return Data(try AESGCM.seal(Array(try JSONEncoder().encode(credentials)), key: key, associatedData: SessionCredentials.associatedData(sessionId: id)))
    }

    private func open(_ id: Int64, _ db: Database) throws -> SessionCredentials? {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT credentials FROM remoteSession WHERE id = ?", arguments: [id]) else { return nil }
        guard let key else { throw SessionStoreError.credentialsKeyMissing }
        let plain = try AESGCM.open(Array(sealed), key: key, associatedData: SessionCredentials.associatedData(sessionId: id))
        return try JSONDecoder().decode(SessionCredentials.self, from: Data(plain))
    }
}
