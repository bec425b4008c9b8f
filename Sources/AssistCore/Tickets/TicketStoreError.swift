/// Why the store refused a ticket change.
public enum TicketStoreError: Error, Sendable, Equatable {
    case ticketNotFound
    case notResolved(TicketState)
    case alreadyRated
    case closed
    /// a VIP ticket carries exactly one problem.
    case vipSecondProblem
    /// A letter with this Message-ID was filed already.
    case duplicateLetter
}
