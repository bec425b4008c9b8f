import Foundation

/// What one message in a ticket's thread does to the ticket (R-2.4, with the December 2026
/// audit's decisions). The first agent answer is the reaction, met or breached. After it, a
/// customer's message starts a next-reaction round on the level's budget (unless one runs already:
/// the answer covers every message since), which the agent's next message ends, met or breached.
/// A customer's message to a resolved or postponed ticket reopens it — in progress, recorded —
/// and starts a round, so it is in the queue with its clock; to a closed ticket it is refused: a
/// new ticket is filed instead. A customer's message to a ticket waiting for the customer puts it
/// back in progress.
public enum ThreadRule {
    public enum Refusal: Error, Sendable, Equatable {
        /// The ticket is closed: file a new one.
        case closed
    }

    /// R-2.4: `author`'s message on `ticket` at `instant`; `nextReaction` is the round a customer's
    /// message would start (the level's budget from `instant`), nil for an agent's message.
    public static func message(
        by author: TicketMessage.Author, to ticket: Ticket, at instant: Date, nextReaction: SLADeadline?
    ) throws(Refusal) -> TicketChange {
        guard ticket.state != .closed else { throw .closed }
        var ticket = ticket
        var records: [TicketRecordNote] = []
        if author == .customer, ticket.state == .resolved || ticket.state == .postponed {
            records.append(TicketRecordNote(
                .stateChanged, "\(ticket.state.rawValue) → \(TicketState.inProgress.rawValue): the customer wrote again (R-2.4)"))
            ticket.state = .inProgress
            ticket.stateReason = nil
        }
        if let firstResponse = ticket.firstResponseAt {
            switch author {
            case .customer where ticket.nextReactionDue == nil && instant >= firstResponse:
                if let nextReaction {
                    ticket.nextReactionSince = instant
                    ticket.nextReactionDue = nextReaction.deadline
                    records.append(TicketRecordNote(
                        .nextReactionDue, "Customer wrote after the answer: next reaction due \(MoscowTime.format(nextReaction.deadline)) (R-2.4)."))
                }
            case .agent:
                if let due = ticket.nextReactionDue {
                    ticket.nextReactionSince = nil
                    ticket.nextReactionDue = nil
                    records.append(TicketRecordNote(
                        .nextReaction,
                        "Next reaction at \(MoscowTime.format(instant)): \(instant <= due ? "met" : "breached") (due \(MoscowTime.format(due)))."))
                }
            default:
                break
            }
        }
        switch author {
        case .agent where ticket.firstResponseAt == nil:
            ticket.firstResponseAt = instant
            ticket.reactionMet = instant <= ticket.reactionDeadline
            if ticket.state == .new { ticket.state = .inProgress }
            records.append(TicketRecordNote(
                .firstResponse,
                "First reaction at \(MoscowTime.format(instant)): \(instant <= ticket.reactionDeadline ? "met" : "breached") (due \(MoscowTime.format(ticket.reactionDeadline)))."))
        case .customer where ticket.state == .waitingForCustomer:
            ticket.state = .inProgress
        default:
            break
        }
        return TicketChange(ticket: ticket, records: records)
    }

    /// R-4.4: the customer reads every answer by mail too, with its text, at the ticket's sender.
    public static func answerLetter(on ticket: Ticket, agentName: String, text: String) -> OutgoingLetter {
        OutgoingLetter(
            kind: "agent-reply", recipient: ticket.senderEmail,
            CustomerNotices.reply(tid: ticket.tid, ticketSubject: ticket.subject, agentName: agentName, text: text))
    }
}
