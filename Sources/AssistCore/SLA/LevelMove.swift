/// with the December 2026 audit's decisions: where staff may move a ticket's
/// level. Staff move a ticket to consulting (any ticket) or hand it to development; a move
/// starts the new level's clock, so it must be a move: to the level the ticket already has it
/// is refused, and it never restarts a clock or erases a breached reaction. VIP tickets
/// no development of components under VIP) and free support (the regulation's table:
/// no developers on free support) never go to development.
public enum LevelMove {
    public enum Refusal: Error, Sendable, Equatable {
        /// Only consulting and development are levels staff move a ticket to.
        case notATarget(SLALevel)
        /// Closed, resolved or refused: reopened first.
        case notOpen(TicketState)
        /// The ticket is at that level already.
        case sameLevel(SLALevel)
        /// A VIP ticket, or free support, and development.
        case noDevelopment(SLALevel, ContractTier)
    }

    /// The move of `ticket` to `deadline`'s level, its clock started anew there (the first
    /// reaction to come is the new level's), recorded, audited and told to the customer.
    public static func move(
        _ ticket: Ticket, to deadline: SLADeadline, tierInForce tier: ContractTier, by actor: Int64
    ) throws(Refusal) -> TicketChange {
        try check(ticket, to: deadline.level, tierInForce: tier)
        var moved = ticket
        moved.slaLevel = deadline.level
        moved.clockStartedAt = deadline.clockStart
        moved.reactionDeadline = deadline.deadline
        moved.calendarRevision = deadline.calendarRevision
        moved.deadlineExplanation = deadline.explanation
        moved.firstResponseAt = nil
        moved.reactionMet = nil
        moved.nextReactionSince = nil
        moved.nextReactionDue = nil
        let detail = "\(ticket.slaLevel.rawValue) → \(deadline.level.rawValue), due \(MoscowTime.format(deadline.deadline))"
        return TicketChange(
            ticket: moved,
            records: [TicketRecordNote(
                .levelChanged,
                "\(ticket.slaLevel.rawValue) → \(deadline.level.rawValue); new reaction clock from \(MoscowTime.format(deadline.clockStart)), due \(MoscowTime.format(deadline.deadline)).")],
            audit: [AuditNote(action: "sla.level-changed", subject: "ticket:\(ticket.tid)", detail: detail, actor: actor)],
            letters: [ClassRule.announcement(moved, reason: nil)])
    }

    /// whether `ticket` may move to `level` now, its customer's tier being `tier`.
    public static func check(_ ticket: Ticket, to level: SLALevel, tierInForce tier: ContractTier) throws(Refusal) {
        guard level == .consulting || level == .development else { throw .notATarget(level) }
        guard ticket.state.isOpen || ticket.state == .postponed else { throw .notOpen(ticket.state) }
        guard ticket.slaLevel != level else { throw .sameLevel(level) }
        if level == .development, ticket.slaLevel == .vip || ticket.slaLevel.isFreeSupport || tier == .free {
            throw .noDevelopment(ticket.slaLevel, tier)
        }
    }
}
