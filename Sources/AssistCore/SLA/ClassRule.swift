import Foundation

/// both ways, with the December 2026 audit's decisions. The operational
/// (emergency) level is for a product made unusable, or a critical error confirmed by support
/// staff. A ticket its sender marks operational gets the clock at once; staff confirm it, or move
/// it to standard with a reason. Staff may also make a standard ticket operational with a reason
/// (an emergency reported by mail or phone): it takes the operational clock and goes out of turn.
/// Either way the new level's deadline counts from the same clock start, a reaction already given
/// stays (met or breached against the new deadline), and both the ticket's record and the audit
/// log keep the decision and its reason.
public enum ClassRule {
    public enum Decision: Sendable, Equatable {
        case confirm
        case standard(reason: String)
        case operational(reason: String)
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// Confirm or move to standard: the ticket is not an operational one awaiting staff.
        case nothingToDecide(SLALevel)
        /// Make operational: the ticket's level has no operational form (non-commercial,
        /// consulting, development, VIP) or it is operational already.
        case noOperationalLevel(SLALevel)
    }

    /// The level `decision` moves `ticket` to; nil when it stays where it is (a confirmation).
    public static func target(of decision: Decision, for ticket: Ticket) -> SLALevel? {
        switch decision {
        case .confirm: nil
        case .standard: ticket.slaLevel.standardCounterpart
        case .operational: ticket.slaLevel.operationalCounterpart
        }
    }

    /// `decision` on `ticket` at `instant` by `actor`; `deadline` is the target level's deadline
    /// counted from the ticket's arrival (nil for a confirmation); `round` the target level's
    /// deadline counted from the start of a next-reaction round that runs: the round keeps
    /// running, due as the new level says.
    public static func decide(
        _ ticket: Ticket, _ decision: Decision, deadline: SLADeadline?, round: SLADeadline? = nil, at instant: Date, by actor: Int64
    ) throws(Refusal) -> TicketChange {
        var changed = ticket
        let awaiting = ticket.problemClass == .operational && ticket.operationalConfirmedAt == nil && ticket.slaLevel.standardCounterpart != nil
        switch decision {
        case .confirm:
            guard awaiting else { throw .nothingToDecide(ticket.slaLevel) }
            changed.operationalConfirmedAt = instant
            return TicketChange(
                ticket: changed, records: [TicketRecordNote(.operationalConfirmed, "Operational confirmed by support staff (R-2.5.1/R-2.5.2).")],
                audit: [AuditNote(action: "sla.operational-confirmed", subject: "ticket:\(ticket.tid)", detail: "Operational class confirmed", actor: actor)])
        case .standard(let reason):
            guard awaiting, let deadline else { throw .nothingToDecide(ticket.slaLevel) }
            changed.problemClass = .standard
            restart(&changed, on: deadline, round: round)
            let detail = "Not an emergency: \(ticket.slaLevel.rawValue) → \(deadline.level.rawValue), due \(MoscowTime.format(deadline.deadline)) from the same clock start; reason: \(reason)"
            return TicketChange(
                ticket: changed, records: [TicketRecordNote(.classChanged, detail + " (R-2.5.1/R-2.5.2).")] + roundNote(ticket, changed),
                audit: [AuditNote(action: "sla.class-changed", subject: "ticket:\(ticket.tid)", detail: detail, actor: actor)],
                letters: [announcement(changed, reason: reason)])
        case .operational(let reason):
            guard ticket.slaLevel.operationalCounterpart != nil, let deadline else { throw .noOperationalLevel(ticket.slaLevel) }
            changed.problemClass = .operational
            changed.operationalConfirmedAt = instant
            restart(&changed, on: deadline, round: round)
            let detail = "An emergency: \(ticket.slaLevel.rawValue) → \(deadline.level.rawValue), due \(MoscowTime.format(deadline.deadline)) from the same clock start; reason: \(reason)"
            return TicketChange(
                ticket: changed,
                records: [TicketRecordNote(.classChanged, detail + " (R-2.5.1/R-2.5.2)."),
                          TicketRecordNote(.outOfTurn, "Queued out of turn: made operational by support staff — \(reason) (R-2.2).")]
                    + roundNote(ticket, changed),
                audit: [AuditNote(action: "sla.class-changed", subject: "ticket:\(ticket.tid)", detail: detail, actor: actor)],
                letters: [announcement(changed, reason: reason)])
        }
    }

    /// The customer is told the new level and deadline (the audit's decision on announcements).
    static func announcement(_ ticket: Ticket, reason: String?) -> OutgoingLetter {
        OutgoingLetter(
            kind: "level-changed", recipient: ticket.senderEmail,
            CustomerNotices.level(tid: ticket.tid, ticketSubject: ticket.subject, level: ticket.slaLevel, deadline: ticket.reactionDeadline, reason: reason))
    }

    /// The new level's clock on the ticket, from the same start; a reaction given stays, judged
    /// anew; a running next-reaction round stays, due as the new level says.
    private static func restart(_ ticket: inout Ticket, on deadline: SLADeadline, round: SLADeadline?) {
        ticket.slaLevel = deadline.level
        ticket.clockStartedAt = deadline.clockStart
        ticket.reactionDeadline = deadline.deadline
        ticket.calendarRevision = deadline.calendarRevision
        ticket.deadlineExplanation = deadline.explanation
        ticket.reactionMet = ticket.firstResponseAt.map { $0 <= deadline.deadline }
        if ticket.nextReactionDue != nil, let round { ticket.nextReactionDue = round.deadline }
    }

    /// the record of a running round's new due time.
    private static func roundNote(_ before: Ticket, _ after: Ticket) -> [TicketRecordNote] {
        guard let due = after.nextReactionDue, due != before.nextReactionDue else { return [] }
        return [TicketRecordNote(.nextReactionDue, "The next reaction still awaited is now due \(MoscowTime.format(due)) at the new level (R-2.4).")]
    }
}
