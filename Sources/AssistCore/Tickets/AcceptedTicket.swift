/// A ticket just accepted, with its thread as the same transaction left it (events included),
/// so that the answer to whoever filed it needs no second trip to the store.
public struct AcceptedTicket: Sendable {
    public let ticket: Ticket
    public let thread: TicketThread

    public init(ticket: Ticket, thread: TicketThread) {
        self.ticket = ticket
        self.thread = thread
    }
}
