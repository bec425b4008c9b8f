/// Why the store refused a ticket change.
public enum TicketStoreError: Error, Sendable, Equatable {
    case ticketNotFound
    case transitionNotAllowed(from: TicketState, to: TicketState)
    case notResolved(TicketState)
    case alreadyRated
    case closed
    /// a VIP ticket carries exactly one problem.
    case vipSecondProblem
    /// the ticket is not an operational one awaiting staff's decision.
    case notOperational
    /// A letter with this Message-ID was filed already.
    case duplicateLetter
}
