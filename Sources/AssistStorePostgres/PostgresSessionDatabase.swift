import AssistCore
import Foundation
import LibPQ
import OpenSSLCrypto

/// The PostgreSQL `SessionStore`: session records in the shared database, credentials sealed
/// with AES-256-GCM under the credentials key file (the same key on every node). Each operation
/// locks the session's row, so a PIN is spent once and five wrong PINs lock it, whichever nodes
/// the guesses reach.
///
/// A wiped credential (`credentials = NULL`) leaves its old row version in the table's pages
/// until PostgreSQL's vacuum reclaims it (autovacuum, or `VACUUM remoteSession`); the box is
/// sealed, and its key is never in the database.
public struct PostgresSessionDatabase: SessionStore {
    let database: PostgresDatabase
    let key: [UInt8]?

    /// - Parameter key: 32 bytes, never logged; nil in a process that holds none (an MTA's pipe).
    public init(database: PostgresDatabase, key: [UInt8]?) {
        self.database = database
        self.key = key
    }

    public func openSession(
        _ new: NewRemoteSession, credentials: SessionCredentials, at instant: Date,
        letter: @escaping @Sendable (_ sessionId: Int64, _ sender: String) -> OutgoingLetter
    ) async throws -> RemoteSession {
        try await transaction { connection in
            // The id is taken first: the sealed box is bound to it, and inserted with it at once.
            let id = try connection.query("SELECT nextval(pg_get_serial_sequence('remotesession', 'id')) AS id").int(0, "id") ?? 0
            try connection.query(
                """
                INSERT INTO remoteSession (id, ticketId, tool, customerRemoteId, agentRemoteId, agentUserId, agentName, state, joinExpiresAt,
                    createdAt, credentials)
                VALUES ($1::bigint, $2::bigint, $3, $4, $5, $6::bigint, $7, 'issued', $8::timestamptz, $9::timestamptz, $10::bytea)
                """,
                [PostgresParameter(id), PostgresParameter(new.ticketId), .text(new.tool.rawValue), .text(new.customerRemoteId),
                 PostgresParameter(new.agentRemoteId), PostgresParameter(new.agentUserId), .text(new.agentName), PostgresParameter(new.joinExpiresAt),
                 PostgresParameter(instant), .bytes(try sealed(credentials, id: id))])
            if let sender = try connection.query("SELECT senderEmail FROM ticket WHERE id = $1::bigint", [PostgresParameter(new.ticketId)])
                .text(0, "senderEmail") {
                try PostgresDatabase.queue(letter(id, sender), ticketId: new.ticketId, at: instant, connection)
            }
            try PostgresDatabase.append(connection, SessionAudit.opened(new, id: id), at: instant)
            return try session(id, instant, connection)
        }
    }

    public func session(id: Int64, at instant: Date) async throws -> RemoteSession? {
        try await transaction { connection in
            do {
                return try session(id, instant, connection)
            } catch SessionStoreError.sessionNotFound {
                return nil
            }
        }
    }

    public func sessions(ticketId: Int64, at instant: Date) async throws -> [RemoteSession] {
        try await transaction { connection in
            let ids = try connection.query("SELECT id FROM remoteSession WHERE ticketId = $1::bigint ORDER BY id", [PostgresParameter(ticketId)])
            return try ids.rows.indices.map { try session(try ids.requiredInt($0, "id", table: "remoteSession"), instant, connection) }
        }
    }

    public func readCredentials(sessionId: Int64, readerUserId: Int64, readerRole: String, at instant: Date) async throws -> SessionCredentials {
        try await transaction { connection in
            let current = try session(sessionId, instant, connection)
            try SessionRule.checkReading(current)
            guard let credentials = try open(sessionId, connection) else { throw SessionStoreError.credentialsWiped }
            try PostgresDatabase.append(connection, SessionAudit.credentialsRead(current, by: readerUserId, role: readerRole), at: instant)
            return credentials
        }
    }

    public func join(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        // A wrong PIN is a result, not a thrown error, inside the transaction: its count and
        // audit entry must commit, and a throw would roll them back.
        let outcome: Result<RemoteSession, SessionStoreError> = try await transaction { connection in
            let current = try session(sessionId, instant, connection)
            try SessionRule.checkJoin(current)
            guard var credentials = try open(sessionId, connection), let expected = credentials.pin else { throw SessionStoreError.pinUsed }
            guard ConstantTime.equal(expected, pin) else {
                return .failure(try countWrongPIN(current, by: userId, at: instant, connection))
            }
            credentials.pin = nil
            try seal(credentials, id: sessionId, connection)
            try connection.query(
                "UPDATE remoteSession SET state = 'active', activatedAt = $2::timestamptz WHERE id = $1::bigint",
                [PostgresParameter(sessionId), PostgresParameter(instant)])
            try PostgresDatabase.append(connection, SessionAudit.joined(current, by: userId), at: instant)
            return .success(try session(sessionId, instant, connection))
        }
        return try outcome.get()
    }

    public func reissuePIN(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await transaction { connection in
            let current = try session(sessionId, instant, connection)
            try SessionRule.checkPINReissue(current)
            guard var credentials = try open(sessionId, connection) else { throw SessionStoreError.credentialsWiped }
            credentials.pin = pin
            try seal(credentials, id: sessionId, connection)
            try connection.query("UPDATE remoteSession SET pinFailures = 0 WHERE id = $1::bigint", [PostgresParameter(sessionId)])
            try PostgresDatabase.append(connection, SessionAudit.pinReissued(current, by: userId), at: instant)
            return try session(sessionId, instant, connection)
        }
    }

    public func passPassword(sessionId: Int64, password: String, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await transaction { connection in
            let current = try session(sessionId, instant, connection)
            try SessionRule.checkPasswordHandOver(current)
            guard var credentials = try open(sessionId, connection) else { throw SessionStoreError.credentialsWiped }
            credentials.passedPassword = password
            try seal(credentials, id: sessionId, connection)
            try connection.query("UPDATE remoteSession SET hasPassedPassword = true WHERE id = $1::bigint", [PostgresParameter(sessionId)])
            return try session(sessionId, instant, connection)
        }
    }

    public func end(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await finish(sessionId, as: .ended, by: userId, at: instant)
    }

    public func cancel(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession {
        try await finish(sessionId, as: .cancelled, by: userId, at: instant)
    }

    public func expireSessions(activeBefore cutoff: Date, at instant: Date) async throws -> Int {
        try await transaction { connection in
            // Rows another node is changing right now are left to the next round (SKIP LOCKED).
            let late = try connection.query(
                """
                SELECT s.id, s.state, s.joinExpiresAt, t.tid FROM remoteSession s JOIN ticket t ON t.id = s.ticketId
                WHERE (s.state = 'issued' AND s.joinExpiresAt < $1::timestamptz) OR (s.state = 'active' AND s.activatedAt < $2::timestamptz)
                FOR UPDATE OF s SKIP LOCKED
                """, [PostgresParameter(instant), PostgresParameter(cutoff)])
            let table = "remoteSession"
            for index in late.rows.indices {
                let id = try late.requiredInt(index, "id", table: table), tid = try late.required(index, "tid", table: "ticket")
                let issued = try late.required(index, "state", table: table) == RemoteSessionState.issued.rawValue
                let endedAt = issued ? try late.requiredInstant(index, "joinExpiresAt", table: table) : instant
                try PostgresDatabase.closeRemoteSession(
                    id, as: issued ? .expired : .ended, endedAt: endedAt,
                    audit: issued ? SessionAudit.expired(id, tid: tid, deadline: endedAt) : SessionAudit.ranTooLong(id, tid: tid), at: instant, connection)
            }
            return late.rows.count
        }
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await database.pool.transaction(.readCommitted, body)
    }

    // MARK: - Inside a transaction

    /// Counts a wrong PIN and audits it (never the PIN tried); the last allowed one locks it.
    private func countWrongPIN(_ current: RemoteSession, by userId: Int64, at instant: Date, _ connection: PostgresConnection) throws -> SessionStoreError {
        let failures = Int(try connection.query(
            "UPDATE remoteSession SET pinFailures = pinFailures + 1 WHERE id = $1::bigint RETURNING pinFailures", [PostgresParameter(current.id)]
        ).int(0, "pinFailures") ?? 0)
        try PostgresDatabase.append(connection, SessionAudit.pinFailed(current, failures: failures, by: userId), at: instant)
        let refusal = SessionRule.wrongPIN(failures: failures)
        if refusal == .pinLocked {
            try PostgresDatabase.append(connection, SessionAudit.pinLocked(current, by: userId), at: instant)
        }
        return refusal
    }

    private func finish(
        _ id: Int64, as state: RemoteSessionState, by userId: Int64, at instant: Date
    ) async throws -> RemoteSession {
        try await transaction { connection in
            let current = try session(id, instant, connection)
            try SessionRule.checkFinish(current, as: state)
            try PostgresDatabase.closeRemoteSession(
                id, as: state, endedAt: instant, audit: SessionAudit.finished(id, tid: current.tid, as: state, by: userId), at: instant, connection)
            return try session(id, instant, connection)
        }
    }

    /// Reads a session with its row locked, first expiring it (and wiping its credentials) if
    /// nobody joined in time.
    private func session(_ id: Int64, _ instant: Date, _ connection: PostgresConnection) throws -> RemoteSession {
        let rows = try connection.query(
            "SELECT s.*, t.tid FROM remoteSession s JOIN ticket t ON t.id = s.ticketId WHERE s.id = $1::bigint FOR UPDATE OF s",
            [PostgresParameter(id)])
        guard !rows.rows.isEmpty else { throw SessionStoreError.sessionNotFound }
        let table = "remoteSession"
        var state = try rows.value(RemoteSessionState.self, 0, "state", table: table)
        var endedAt = rows.instant(0, "endedAt")
        let joinExpiresAt = try rows.requiredInstant(0, "joinExpiresAt", table: table)
        if state == .issued, instant > joinExpiresAt {
            state = .expired
            endedAt = joinExpiresAt
            try connection.query(
                "UPDATE remoteSession SET state = 'expired', endedAt = $2::timestamptz, credentials = NULL WHERE id = $1::bigint",
                [PostgresParameter(id), PostgresParameter(joinExpiresAt)])
        }
        return RemoteSession(
            id: id, ticketId: try rows.requiredInt(0, "ticketId", table: table), tid: try rows.required(0, "tid", table: "ticket"),
            tool: try rows.value(RemoteTool.self, 0, "tool", table: table), customerRemoteId: try rows.required(0, "customerRemoteId", table: table),
            agentRemoteId: rows.text(0, "agentRemoteId"), agentUserId: try rows.requiredInt(0, "agentUserId", table: table),
            agentName: try rows.required(0, "agentName", table: table), state: state, joinExpiresAt: joinExpiresAt,
            createdAt: try rows.requiredInstant(0, "createdAt", table: table), activatedAt: rows.instant(0, "activatedAt"), endedAt: endedAt,
            hasPassedPassword: rows.bool(0, "hasPassedPassword") ?? false,
            pinLocked: SessionRule.pinLocked(state: state, failures: Int(rows.int(0, "pinFailures") ?? 0)))
    }

    /// Replaces a session's sealed credentials (a spent PIN, a passed password).
    private func seal(_ credentials: SessionCredentials, id: Int64, _ connection: PostgresConnection) throws {
        try connection.query(
            "UPDATE remoteSession SET credentials = $2::bytea WHERE id = $1::bigint", [PostgresParameter(id), .bytes(try sealed(credentials, id: id))])
    }

    private func sealed(_ credentials: SessionCredentials, id: Int64) throws -> [UInt8] {
        guard let key else { throw SessionStoreError.credentialsKeyMissing }
        return try AESGCM.seal(Array(try JSONEncoder().encode(credentials)), key: key, associatedData: SessionCredentials.associatedData(sessionId: id))
    }

    private func open(_ id: Int64, _ connection: PostgresConnection) throws -> SessionCredentials? {
        guard let sealed = try connection.query("SELECT credentials FROM remoteSession WHERE id = $1::bigint", [PostgresParameter(id)])
            .bytes(0, "credentials")
        else { return nil }
        guard let key else { throw SessionStoreError.credentialsKeyMissing }
        let plain = try AESGCM.open(sealed, key: key, associatedData: SessionCredentials.associatedData(sessionId: id))
        return try JSONDecoder().decode(SessionCredentials.self, from: Data(plain))
    }
}

extension PostgresDatabase {
    /// ends the ticket's issued and active remote sessions with the change that decided
    /// so, in its transaction: an issued one is cancelled, an active one ended; credentials wiped, audited.
    static func endRemoteSessions(ticketId: Int64, tid: String, ticketState: TicketState, actor: Int64?, at instant: Date, _ connection: PostgresConnection) throws {
        let open = try connection.query(
            "SELECT id, state FROM remoteSession WHERE ticketId = $1::bigint AND state IN ('issued', 'active') FOR UPDATE", [PostgresParameter(ticketId)])
        for index in open.rows.indices {
            let id = try open.requiredInt(index, "id", table: "remoteSession")
            let state: RemoteSessionState = open.text(index, "state") == RemoteSessionState.issued.rawValue ? .cancelled : .ended
            try closeRemoteSession(
                id, as: state, endedAt: instant, audit: SessionAudit.endedWithTicket(id, tid: tid, as: state, ticketState: ticketState, by: actor),
                at: instant, connection)
        }
    }

    /// Every way a remote session leaves `issued`/`active`, in the caller's transaction: the
    /// state, the end, the credentials wiped, audited.
    static func closeRemoteSession(_ id: Int64, as state: RemoteSessionState, endedAt: Date, audit: AuditNote, at instant: Date, _ connection: PostgresConnection) throws {
        try connection.query(
            "UPDATE remoteSession SET state = $2, endedAt = $3::timestamptz, credentials = NULL WHERE id = $1::bigint",
            [PostgresParameter(id), .text(state.rawValue), PostgresParameter(endedAt)])
        try append(connection, audit, at: instant)
    }
}
