/// Why the store refused a ticket change.
public enum TicketStoreError: Error, Sendable, Equatable {
    case ticketNotFound
    /// A letter with this Message-ID was filed already.
    case duplicateLetter
}
