/// the customer rates the work once, after it was resolved (a resolved ticket that was
/// closed since may still be rated).
public enum RatingRule {
    public enum Refusal: Error, Sendable, Equatable {
        /// The work is not resolved yet: the ticket's state.
        case notResolved(TicketState)
        /// The ticket has its rating already.
        case alreadyRated
    }

    /// Whether `ticket`, as it stands, may be rated.
    public static func check(rating ticket: Ticket) throws(Refusal) {
        guard ticket.state == .resolved || ticket.state == .closed else { throw .notResolved(ticket.state) }
        guard ticket.rating == nil else { throw .alreadyRated }
    }

    /// The entry the rating adds to the ticket's record.
    public static func note(score: Int) -> TicketRecordNote { TicketRecordNote(.rated, "Rated \(score) of 5.") }
}
