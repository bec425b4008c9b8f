/// one VIP ticket solves exactly one problem — a second one is split off into a ticket
/// of its own; and a closed ticket takes no new problem (a new question is a new ticket).
public enum ProblemRule {
    public enum Refusal: Error, Sendable, Equatable {
        /// The ticket is a VIP ticket: split the problem off instead.
        case vipTicket
        /// The ticket is closed.
        case closed
    }

    /// Whether `ticket`, as it stands, takes a further problem.
    public static func check(adding ticket: Ticket) throws(Refusal) {
        guard ticket.slaLevel != .vip else { throw .vipTicket }
        guard ticket.state != .closed else { throw .closed }
    }
}
