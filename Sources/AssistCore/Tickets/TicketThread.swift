/// What a ticket's page shows besides the ticket itself, read in one go.
public struct TicketThread: Sendable {
    public let problems: [TicketProblem]
    public let messages: [TicketMessage]
    /// Nil when not asked for (customers do not see the event log).
    public let events: [TicketEvent]?
    /// whether the acceptance confirmation was handed to the relay.
    public let confirmationSent: Bool

    public init(problems: [TicketProblem], messages: [TicketMessage], events: [TicketEvent]?, confirmationSent: Bool) {
        self.problems = problems
        self.messages = messages
        self.events = events
        self.confirmationSent = confirmationSent
    }
}
