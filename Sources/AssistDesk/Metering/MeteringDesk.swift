import AssistCore
import Foundation

/// Billed install/update help: agents start and stop the clock on a ticket.
///
/// `HelpStartRule` decides how help starts and what it costs: remote help needs a session the
/// customer joined; the first phone install is the free one-time install, later
/// ones are billed for contracts with phone contact. Durations come from the server
/// clock; a running session lives in the database and survives restarts.
public struct MeteringDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let policy: DeskPolicy

    /// Starts billed help on a ticket.
    public func start(_ actor: UserAccount, tid: String, _ input: MeteringInputs.Start) async throws -> MeteredSession {
        // Only agents time help, and they see every ticket: the store finds the ticket in the
        // transaction that starts the clock.
        try TicketAccess.checkStaffRequest(tid, actor: actor, roles: [.agent])
        let kind = try Self.kind(input.kind)
        guard let channel = MeteringChannel(rawValue: input.channel) else {
            throw DeskError.invalidField("channel", "must be remote or phone-install")
        }
        // The joined remote session, the tier, rate and rounding rule, and the phone
        // install are read and decided in the one transaction that starts the clock.
        let now = clock.now, billing = policy.billing
        do {
            return try await stores.metering.startMetering(tid: tid, agentUserId: actor.id, kind: kind, channel: channel, at: now) { terms in
                try HelpStartRule.start(kind: kind, channel: channel, terms: terms, billing: billing, at: now)
            }
        } catch let error as MeteringError {
            throw DeskError(error, tid: tid)
        } catch let refusal as HelpStartRule.Refusal {
            throw DeskError(refusal, tid: tid)
        } catch EntitlementError.phoneInstallUsed(let usedOn) {
            // Spent by another start between the read and the write: the unique index said so.
            throw DeskError.phoneInstallUsed(usedOn: usedOn)
        }
    }

    /// Stops billed help; priced once from the server clock.
    public func stop(_ actor: UserAccount, id: Int64) async throws -> MeteredSession {
        try actor.require(.admin, .agent)
        do {
            return try await stores.metering.stopMetering(
                id: id, by: actor.id, byAdmin: actor.role == .admin, maximumSeconds: policy.meteringMaximumSeconds, at: clock.now)
        } catch let error as MeteringError {
            throw DeskError(error, id: id)
        }
    }

    /// corrections: the agent who timed it (or an admin) fixes the duration or kind, with a
    /// reason, until the session is invoiced. The store prices a changed kind as start does, for
    /// the session's date; the session's rounding rule stays.
    public func correct(_ actor: UserAccount, id: Int64, _ input: MeteringInputs.Correction) async throws -> MeteredSession {
        try actor.require(.admin, .agent)
        guard let session = try await stores.metering.meteredSession(id: id), actor.role == .admin || session.agentUserId == actor.id else {
            throw DeskError.notFound("metered session")
        }
        let reason = try TextValidation.text(input.reason, field: "reason", maximum: 1000)
        if let raw = input.rawSeconds, !(0...(72 * 3600)).contains(raw) {
            throw DeskError.invalidField("rawSeconds", "must be 0 to 259200 seconds (72 hours)")
        }
        let kind = try input.kind.map(Self.kind)
        guard input.rawSeconds != nil || kind != nil else {
            throw DeskError.invalidField("rawSeconds", "or kind must be given: say what the correction changes")
        }
        if let kind {
            do { try HelpStartRule.correct(session, to: kind) } catch { throw DeskError(error, tid: session.tid) }
        }
        do {
            return try await stores.metering.correctMetered(
                id: id, rawSeconds: input.rawSeconds, kind: kind, billing: policy.billing, reason: reason, by: actor.id, at: clock.now)
        } catch let error as MeteringError {
            throw DeskError(error, id: id)
        }
    }

    /// Metered sessions, optionally of one ticket; an agent sees its own.
    public func list(_ actor: UserAccount, tid: String?) async throws -> [MeteredSession] {
        try actor.require(.admin, .agent, .accounting)
        var ticketId: Int64?
        if let tid {
            guard let ticket = try await stores.tickets.ticket(tid: tid) else { throw DeskError.ticketNotFound }
            ticketId = ticket.id
        }
        return try await stores.metering.meteredSessions(agentUserId: actor.role == .agent ? actor.id : nil, ticketId: ticketId)
    }

    static func kind(_ text: String) throws -> MeteredKind {
        guard let kind = MeteredKind(rawValue: text) else { throw DeskError.invalidField("kind", "must be install, update or update-repair (R-3.2)") }
        return kind
    }
}
