import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: MeteringStore {
    public func startMetering(
        tid: String, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel, at instant: Date,
        decide: @escaping @Sendable (HelpStartTerms) throws -> HelpStart
    ) async throws -> MeteredSession {
        try await pool.transaction(.readCommitted) { connection in
            let ticket = try connection.query("SELECT id, customerId FROM ticket WHERE tid = $1", [.text(tid)])
            guard !ticket.rows.isEmpty else { throw MeteringError.ticketNotFound }
            let ticketId = try ticket.requiredInt(0, "id", table: "ticket"), customerId = try ticket.requiredInt(0, "customerId", table: "ticket")
            let joined = try connection.query(
                "SELECT EXISTS (SELECT 1 FROM remoteSession WHERE ticketId = $1::bigint AND activatedAt IS NOT NULL) AS joined", [PostgresParameter(ticketId)]
            ).bool(0, "joined") ?? false
            let start = try decide(HelpStartTerms(
                ticketId: ticketId, customerId: customerId, contracts: try Self.contracts(customerId, connection), remoteSessionJoined: joined,
                phoneInstall: try Self.phoneInstall(customerId, connection)))
            // One running timer per agent, whichever node starts it: the partial unique index
            // `meteredSession_oneRunning`; a second insert does nothing and is answered with the first.
            let inserted = try connection.query(
                """
                INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour, roundingIncrementSeconds,
                    roundingMinimumSeconds, startedAt)
                VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5, $6::bigint, $7::integer, $8::integer, $9::timestamptz)
                ON CONFLICT (agentUserId) WHERE stoppedAt IS NULL DO NOTHING
                RETURNING id
                """,
                [PostgresParameter(ticketId), PostgresParameter(customerId), PostgresParameter(agentUserId), .text(kind.rawValue), .text(channel.rawValue),
                 PostgresParameter(start.rateKopecksPerHour), PostgresParameter(start.rule.incrementSeconds), PostgresParameter(start.rule.minimumSeconds),
                 PostgresParameter(instant)])
            guard let id = inserted.int(0, "id") else {
                throw MeteringError.agentHasRunningSession(id: try Self.running(agentUserId, connection)?.id ?? 0)
            }
            if start.spendsPhoneInstall {
                // Spent in the transaction that starts the clock, so a start refused for any reason never costs it.
                try Self.usePhoneInstall(customerId: customerId, ticketId: ticketId, tid: tid, by: agentUserId, at: instant, connection)
            }
            let started = try Self.metered(id, connection)
            // Last, so the audit chain's head row is held for the commit only.
            try Self.append(connection, MeteringAudit.started(id, tid: tid, start, by: agentUserId), at: instant)
            return started
        }
    }

    public func stopMetering(id: Int64, by userId: Int64, byAdmin: Bool, maximumSeconds: Int, at instant: Date) async throws -> MeteredSession {
        try await pool.transaction(.readCommitted) { connection in
            let current = try Self.metered(id, locked: true, connection)
            guard byAdmin || current.agentUserId == userId else { throw MeteringError.notFound }
            guard current.stoppedAt == nil else { throw MeteringError.alreadyStopped }
            let stopped = current.stopping(at: instant, maximumSeconds: maximumSeconds)
            try connection.query(
                """
                UPDATE meteredSession SET stoppedAt = $2::timestamptz, rawSeconds = $3::integer, billedSeconds = $4::integer, amountKopecks = $5::bigint,
                    flaggedForReview = $6::boolean
                WHERE id = $1::bigint
                """,
                [PostgresParameter(id), PostgresParameter(instant), PostgresParameter(stopped.rawSeconds), PostgresParameter(stopped.billedSeconds),
                 PostgresParameter(stopped.amountKopecks), PostgresParameter(stopped.flaggedForReview)])
            let stored = try Self.metered(id, connection)
            try Self.append(connection, MeteringAudit.stopped(stopped, by: userId), at: instant)
            return stored
        }
    }

    public func correctMetered(
        id: Int64, rawSeconds: Int?, kind: MeteredKind?, billing: BillingPolicy, reason: String, by userId: Int64, at instant: Date
    ) async throws -> MeteredSession {
        try await pool.transaction(.readCommitted) { connection in
            let current = try Self.metered(id, locked: true, connection)
            guard let rawBefore = current.rawSeconds, let amountBefore = current.amountKopecks else { throw MeteringError.stillRunning }
            if let number = current.invoiceNumber { throw MeteringError.invoiced(number: number) }
            let corrected = current.correcting(
                rawSeconds: rawSeconds, kind: kind, billing: billing, contracts: try Self.contracts(current.customerId, connection))
            try connection.query(
                """
                UPDATE meteredSession SET kind = $2, rawSeconds = $3::integer, billedSeconds = $4::integer, rateKopecksPerHour = $5::bigint,
                    amountKopecks = $6::bigint, flaggedForReview = false
                WHERE id = $1::bigint
                """,
                [PostgresParameter(id), .text(corrected.kind.rawValue), PostgresParameter(corrected.rawSeconds), PostgresParameter(corrected.billedSeconds),
                 PostgresParameter(corrected.rateKopecksPerHour), PostgresParameter(corrected.amountKopecks)])
            try connection.query(
                """
                INSERT INTO meteredCorrection (meteredSessionId, reason, kindBefore, kindAfter, rawSecondsBefore, rawSecondsAfter,
                    amountKopecksBefore, amountKopecksAfter, correctedByUserId, correctedAt)
                VALUES ($1::bigint, $2, $3, $4, $5::integer, $6::integer, $7::bigint, $8::bigint, $9::bigint, $10::timestamptz)
                """,
                [PostgresParameter(id), .text(reason), .text(current.kind.rawValue), .text(corrected.kind.rawValue), PostgresParameter(rawBefore),
                 PostgresParameter(corrected.rawSeconds), PostgresParameter(amountBefore), PostgresParameter(corrected.amountKopecks),
                 PostgresParameter(userId), PostgresParameter(instant)])
            try Self.append(connection, MeteringAudit.corrected(current, to: corrected, reason: reason, by: userId), at: instant)
            return try Self.metered(id, connection)
        }
    }

    public func meteredSession(id: Int64) async throws -> MeteredSession? {
        try await pool.withConnection { connection in
            do { return try Self.metered(id, connection) } catch MeteringError.notFound { return nil }
        }
    }

    public func runningMeteredSession(agentUserId: Int64) async throws -> MeteredSession? {
        try await pool.withConnection { try Self.running(agentUserId, $0) }
    }

    public func meteredSessions(agentUserId: Int64?, ticketId: Int64?) async throws -> [MeteredSession] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                \(Self.selectMetered) WHERE ($1::bigint IS NULL OR m.agentUserId = $1::bigint) AND ($2::bigint IS NULL OR m.ticketId = $2::bigint)
                ORDER BY m.startedAt, m.id
                """, [PostgresParameter(agentUserId), PostgresParameter(ticketId)])
            return try rows.rows.indices.map { try Self.metered(rows, $0) }
        }
    }

    /// Every metered-session read joins its ticket for the TID and its invoice for the number.
    static let selectMetered = """
        SELECT m.*, t.tid, i.number AS invoiceNumber FROM meteredSession m JOIN ticket t ON t.id = m.ticketId
        LEFT JOIN invoice i ON i.id = m.invoiceId
        """

    static func running(_ agentUserId: Int64, _ connection: PostgresConnection) throws -> MeteredSession? {
        let rows = try connection.query("\(selectMetered) WHERE m.agentUserId = $1::bigint AND m.stoppedAt IS NULL", [PostgresParameter(agentUserId)])
        return rows.rows.isEmpty ? nil : try metered(rows, 0)
    }

    /// One session; `locked`, its row is held until the transaction ends (a stop or a
    /// correction decided on it as it stands).
    static func metered(_ id: Int64, locked: Bool = false, _ connection: PostgresConnection) throws -> MeteredSession {
        let rows = try connection.query("\(selectMetered) WHERE m.id = $1::bigint\(locked ? " FOR UPDATE OF m" : "")", [PostgresParameter(id)])
        guard !rows.rows.isEmpty else { throw MeteringError.notFound }
        return try metered(rows, 0)
    }

    static func metered(_ rows: PostgresRows, _ index: Int) throws -> MeteredSession {
        let table = "meteredSession"
        return MeteredSession(
            id: try rows.requiredInt(index, "id", table: table), ticketId: try rows.requiredInt(index, "ticketId", table: table),
            tid: try rows.required(index, "tid", table: "ticket"), customerId: try rows.requiredInt(index, "customerId", table: table),
            agentUserId: try rows.requiredInt(index, "agentUserId", table: table), kind: try rows.value(MeteredKind.self, index, "kind", table: table),
            channel: try rows.value(MeteringChannel.self, index, "channel", table: table),
            rateKopecksPerHour: try rows.requiredInt(index, "rateKopecksPerHour", table: table),
            rule: RoundingRule(
                incrementSeconds: Int(try rows.requiredInt(index, "roundingIncrementSeconds", table: table)),
                minimumSeconds: Int(try rows.requiredInt(index, "roundingMinimumSeconds", table: table))),
            startedAt: try rows.requiredInstant(index, "startedAt", table: table), stoppedAt: rows.instant(index, "stoppedAt"),
            rawSeconds: rows.int(index, "rawSeconds").map(Int.init), billedSeconds: rows.int(index, "billedSeconds").map(Int.init),
            amountKopecks: rows.int(index, "amountKopecks"), flaggedForReview: rows.bool(index, "flaggedForReview") ?? false,
            invoiceNumber: rows.text(index, "invoiceNumber"))
    }
}
