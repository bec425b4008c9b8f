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
            let contracts = try ContractRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM contract WHERE customerId = ?"), arguments: [customerId])
                .map { try $0.contract() }
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
            try AuditRecorder.append(
                db, action: "metering.started", subject: "ticket:\(tid)", detail: "Metered session \(id) started: \(start.detail)",
                actor: agentUserId, at: instant)
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
            let raw = max(0, Int(instant.timeIntervalSince(current.startedAt).rounded(.down)))
            let quote = MeteredQuote(rawSeconds: raw, rateKopecksPerHour: current.rateKopecksPerHour, rule: current.rule)
            let flagged = raw > maximumSeconds
            try db.cachedStatement(sql: """
                UPDATE meteredSession SET stoppedAt = ?, rawSeconds = ?, billedSeconds = ?, amountKopecks = ?, flaggedForReview = ?
                WHERE id = ?
                """).execute(arguments: [StoredTime.text(instant), raw, quote.billedSeconds, quote.amountKopecks, flagged, id])
            try AuditRecorder.append(
                db, action: "metering.stopped", subject: "ticket:\(current.tid)",
                detail: "Metered session \(id) stopped: \(raw) s raw, \(quote.billedSeconds) s billed, \(quote.amountKopecks) kopecks\(flagged ? ", flagged for review" : "")",
                actor: userId, at: instant)
            return current.stopped(
                at: StoredTime.readBack(instant), rawSeconds: raw, billedSeconds: quote.billedSeconds, amountKopecks: quote.amountKopecks,
                flaggedForReview: flagged)
        }
    }

    public func correctMetered(
        id: Int64, rawSeconds: Int?, kind: MeteredKind?, billing: BillingPolicy, reason: String, by userId: Int64, at instant: Date
    ) async throws -> MeteredSession {
        try await write { db in
            let current = try Self.metered(id, db)
            guard let rawBefore = current.rawSeconds, let amountBefore = current.amountKopecks else { throw MeteringError.stillRunning }
            if let number = current.invoiceNumber { throw MeteringError.invoiced(number: number) }
            let raw = rawSeconds ?? rawBefore, newKind = kind ?? current.kind
            // The same kind keeps the rate it was started at; another kind is priced as if started so.
            let rateKopecksPerHour = newKind == current.kind
                ? current.rateKopecksPerHour
                : try Self.pricing(newKind, customerId: current.customerId, at: current.startedAt, billing: billing, db).rate
            let quote = MeteredQuote(rawSeconds: raw, rateKopecksPerHour: rateKopecksPerHour, rule: current.rule)
            try db.execute(sql: """
                UPDATE meteredSession SET kind = ?, rawSeconds = ?, billedSeconds = ?, rateKopecksPerHour = ?, amountKopecks = ?,
                    flaggedForReview = 0
                WHERE id = ?
                """, arguments: [newKind.rawValue, raw, quote.billedSeconds, rateKopecksPerHour, quote.amountKopecks, id])
            try db.execute(sql: """
                INSERT INTO meteredCorrection (meteredSessionId, reason, kindBefore, kindAfter, rawSecondsBefore, rawSecondsAfter,
                    amountKopecksBefore, amountKopecksAfter, correctedByUserId, correctedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, reason, current.kind.rawValue, newKind.rawValue, rawBefore, raw, amountBefore, quote.amountKopecks,
                                 userId, instant])
            try AuditRecorder.append(
                db, action: "metering.corrected", subject: "ticket:\(current.tid)",
                detail: "Metered session \(id) corrected: \(current.kind.rawValue) → \(newKind.rawValue), \(rawBefore) s → \(raw) s raw, \(amountBefore) → \(quote.amountKopecks) kopecks; reason: \(reason)",
                actor: userId, at: instant)
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

    /// The paid rate of `kind` for the customer at `instant`, with the tier and contract in force then.
    static func pricing(
        _ kind: MeteredKind, customerId: Int64, at instant: Date, billing: BillingPolicy, _ db: Database
    ) throws -> (rate: Int64, tier: ContractTier, contract: Contract?) {
        let contracts = try ContractRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM contract WHERE customerId = ?"), arguments: [customerId])
            .map { try $0.contract() }
        let (tier, contract) = Contract.tierInForce(contracts, at: instant)
        return (billing.rate(of: kind, tier: tier, on: MoscowTime.date(of: instant)), tier, contract)
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
