import AssistCore
import Foundation
import GRDB

extension AppDatabase: MeteringStore {
    public func startMetering(
        tid: String, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel, at instant: Date,
        decide: @escaping @Sendable (HelpStartTerms) throws -> HelpStart
    ) async throws -> MeteredSession {
        try await write { db in
            let ticket = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, customerId FROM ticket WHERE tid = ?"), arguments: [tid])
            guard let ticket else { throw MeteringError.ticketNotFound }
            let ticketId: Int64 = ticket["id"], customerId: Int64 = ticket["customerId"]
            let joined = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM remoteSession WHERE ticketId = ? AND activatedAt IS NOT NULL)"),
                arguments: [ticketId]) ?? false
            let contracts = try Self.contracts(customerId, db)
            let start = try decide(HelpStartTerms(
                ticketId: ticketId, customerId: customerId, contracts: contracts, remoteSessionJoined: joined,
                phoneInstall: try Self.phoneInstall(customerId, db)))
            let rate = start.rateKopecksPerHour, rule = start.rule
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour,
                        roundingIncrementSeconds, roundingMinimumSeconds, startedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [ticketId, customerId, agentUserId, kind.rawValue, channel.rawValue, rate,
                                     rule.incrementSeconds, rule.minimumSeconds, StoredTime.text(instant)])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw MeteringError.agentHasRunningSession(id: try Self.running(agentUserId, db)?.id ?? 0)
            }
            let id = db.lastInsertedRowID
            if start.spendsPhoneInstall {
                // Spent in the transaction that starts the clock, so a start refused for any reason never costs it.
                try Self.usePhoneInstall(customerId: customerId, ticketId: ticketId, tid: tid, by: agentUserId, at: instant, db)
            }
            try AuditRecorder.append(db, MeteringAudit.started(id, tid: tid, start, by: agentUserId), at: instant)
            // Everything stored is known here: reading the row back was a sixth of the writer's
            // work while agents started and stopped the clock.
            return MeteredSession(
                id: id, ticketId: ticketId, tid: tid, customerId: customerId, agentUserId: agentUserId, kind: kind, channel: channel,
                rateKopecksPerHour: rate, rule: rule, startedAt: StoredTime.readBack(instant), stoppedAt: nil, rawSeconds: nil,
                billedSeconds: nil, amountKopecks: nil, flaggedForReview: false)
        }
    }

    public func stopMetering(id: Int64, by userId: Int64, byAdmin: Bool, maximumSeconds: Int, at instant: Date) async throws -> MeteredSession {
        try await write { db in
            let current = try Self.metered(id, db)
            guard byAdmin || current.agentUserId == userId else { throw MeteringError.notFound }
            guard current.stoppedAt == nil else { throw MeteringError.alreadyStopped }
            let stopped = current.stopping(at: StoredTime.readBack(instant), maximumSeconds: maximumSeconds)
            try db.cachedStatement(sql: """
                UPDATE meteredSession SET stoppedAt = ?, rawSeconds = ?, billedSeconds = ?, amountKopecks = ?, flaggedForReview = ?
                WHERE id = ?
                """).execute(arguments: [
                    StoredTime.text(instant), stopped.rawSeconds, stopped.billedSeconds, stopped.amountKopecks, stopped.flaggedForReview, id,
                ])
            try AuditRecorder.append(db, MeteringAudit.stopped(stopped, by: userId), at: instant)
            return stopped
        }
    }

    public func correctMetered(
        id: Int64, rawSeconds: Int?, kind: MeteredKind?, billing: BillingPolicy, reason: String, by userId: Int64, at instant: Date
    ) async throws -> MeteredSession {
        try await write { db in
            let current = try Self.metered(id, db)
            guard let rawBefore = current.rawSeconds, let amountBefore = current.amountKopecks else { throw MeteringError.stillRunning }
            if let number = current.invoiceNumber { throw MeteringError.invoiced(number: number) }
            let corrected = current.correcting(rawSeconds: rawSeconds, kind: kind, billing: billing, contracts: try Self.contracts(current.customerId, db))
            try db.execute(sql: """
                UPDATE meteredSession SET kind = ?, rawSeconds = ?, billedSeconds = ?, rateKopecksPerHour = ?, amountKopecks = ?,
                    flaggedForReview = 0
                WHERE id = ?
                """, arguments: [corrected.kind.rawValue, corrected.rawSeconds, corrected.billedSeconds, corrected.rateKopecksPerHour,
                                 corrected.amountKopecks, id])
            try db.execute(sql: """
                INSERT INTO meteredCorrection (meteredSessionId, reason, kindBefore, kindAfter, rawSecondsBefore, rawSecondsAfter,
                    amountKopecksBefore, amountKopecksAfter, correctedByUserId, correctedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, reason, current.kind.rawValue, corrected.kind.rawValue, rawBefore, corrected.rawSeconds, amountBefore,
                                 corrected.amountKopecks, userId, instant])
            try AuditRecorder.append(db, MeteringAudit.corrected(current, to: corrected, reason: reason, by: userId), at: instant)
            return try Self.metered(id, db)
        }
    }

    public func meteredSession(id: Int64) async throws -> MeteredSession? {
        try await writer.read { db in
            do { return try Self.metered(id, db) } catch MeteringError.notFound { return nil }
        }
    }

    public func runningMeteredSession(agentUserId: Int64) async throws -> MeteredSession? {
        try await writer.read { try Self.running(agentUserId, $0) }
    }

    public func meteredSessions(agentUserId: Int64?, ticketId: Int64?) async throws -> [MeteredSession] {
        try await writer.read { db in
            var conditions: [String] = [], arguments: StatementArguments = []
            if let agentUserId { conditions.append("m.agentUserId = ?"); arguments += [agentUserId] }
            if let ticketId { conditions.append("m.ticketId = ?"); arguments += [ticketId] }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.decodeAll(db.makeStatement(sql: "\(Self.selectWithTID) \(filter) ORDER BY m.startedAt, m.id"), arguments: arguments, Self.metered(row:))
        }
    }

    /// The customer's contracts, for pricing help.
    static func contracts(_ customerId: Int64, _ db: Database) throws -> [Contract] {
        try ContractRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM contract WHERE customerId = ?"), arguments: [customerId]).map { try $0.contract() }
    }

    /// Every metered-session read joins its ticket for the TID.
    static let selectWithTID = """
        SELECT m.*, t.tid, i.number AS invoiceNumber FROM meteredSession m JOIN ticket t ON t.id = m.ticketId
        LEFT JOIN invoice i ON i.id = m.invoiceId
        """

    static func running(_ agentUserId: Int64, _ db: Database) throws -> MeteredSession? {
        try Row.decodeFirst(
            db.cachedStatement(sql: "\(selectWithTID) WHERE m.agentUserId = ? AND m.stoppedAt IS NULL"), arguments: [agentUserId], metered(row:))
    }

    static func metered(_ id: Int64, _ db: Database) throws -> MeteredSession {
        guard let session = try Row.decodeFirst(db.cachedStatement(sql: "\(selectWithTID) WHERE m.id = ?"), arguments: [id], metered(row:)) else {
            throw MeteringError.notFound
        }
        return session
    }

    static func metered(row: Row) throws -> MeteredSession {
        MeteredSession(
            id: row["id"], ticketId: row["ticketId"], tid: row["tid"], customerId: row["customerId"], agentUserId: row["agentUserId"],
            kind: try StoredValue.parse(MeteredKind.self, row["kind"] as String, table: "meteredSession", column: "kind"),
            channel: try StoredValue.parse(MeteringChannel.self, row["channel"] as String, table: "meteredSession", column: "channel"),
            rateKopecksPerHour: row["rateKopecksPerHour"],
            rule: RoundingRule(incrementSeconds: row["roundingIncrementSeconds"], minimumSeconds: row["roundingMinimumSeconds"]),
            startedAt: row["startedAt"], stoppedAt: row["stoppedAt"], rawSeconds: row["rawSeconds"], billedSeconds: row["billedSeconds"],
            amountKopecks: row["amountKopecks"], flaggedForReview: row["flaggedForReview"], invoiceNumber: row["invoiceNumber"])
    }
}
