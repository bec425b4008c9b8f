import Foundation

/// A state change by staff (R-4.9, with the December 2026 audit's decisions): only along
/// `TicketState.next`; postponed and refused carry an R-4.9 reason. Refusing or postponing with
/// its reason answers the customer, so it is a reaction: a first reaction still awaited is given
/// by it (met or breached against its deadline), and so is a next-reaction round that runs (R-2.4).
public enum StateRule {
    public enum Refusal: Error, Sendable, Equatable {
        case transitionNotAllowed(from: TicketState, to: TicketState)
    }

    /// `ticket` moved to `state` at `instant`, with what is recorded of it.
    public static func change(
        _ ticket: Ticket, to state: TicketState, reason: PostponeReason?, at instant: Date
    ) throws(Refusal) -> TicketChange {
        guard ticket.state.next.contains(state) else { throw .transitionNotAllowed(from: ticket.state, to: state) }
        var changed = ticket
        changed.state = state
        changed.stateReason = state.needsReason ? reason : nil
        let because = reason.map { " (reason: \($0.rawValue))" } ?? ""
        var records = [TicketRecordNote(.stateChanged, "\(ticket.state.rawValue) → \(state.rawValue)\(because)")]
        if state.needsReason {
            if changed.firstResponseAt == nil {
                changed.firstResponseAt = instant
                changed.reactionMet = instant <= changed.reactionDeadline
                records.append(TicketRecordNote(
                    .firstResponse,
                    "First reaction at \(MoscowTime.format(instant)), by the ticket \(state.rawValue) with its R-4.9 reason: "
                        + "\(instant <= changed.reactionDeadline ? "met" : "breached") (due \(MoscowTime.format(changed.reactionDeadline)))."))
            } else if let due = changed.nextReactionDue {
                changed.nextReactionSince = nil
                changed.nextReactionDue = nil
                records.append(TicketRecordNote(
                    .nextReaction,
                    "Next reaction at \(MoscowTime.format(instant)), by the ticket \(state.rawValue) with its R-4.9 reason: "
                        + "\(instant <= due ? "met" : "breached") (due \(MoscowTime.format(due)))."))
            }
        }
        let letter = OutgoingLetter(
            kind: "state-changed", recipient: changed.senderEmail,
            CustomerNotices.state(tid: changed.tid, ticketSubject: changed.subject, state: state, reason: changed.stateReason))
        var change = TicketChange(ticket: changed, records: records, letters: [letter])
        change.endsRemoteSessions = SessionLifetime.endsWithTicket(state)
        return change
    }
}
