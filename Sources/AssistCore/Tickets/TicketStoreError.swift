/// Why the store refused a ticket change.
public enum TicketStoreError: Error, Sendable, Equatable {
    case ticketNotFound
    case transitionNotAllowed(from: TicketState, to: TicketState)
    case notResolved(TicketState)
    case alreadyRated
    case closed
    /// a VIP ticket carries exactly one problem.
    case vipSecondProblem
}
