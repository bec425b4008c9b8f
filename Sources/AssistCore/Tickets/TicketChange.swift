/// What a rule decided for a ticket: the ticket as it is after, and what is recorded of it — in
/// the ticket's events and, for changes of who is served how, the audit log. The store writes
/// all of it in one transaction, or nothing.
public struct TicketChange: Sendable, Equatable {
    public var ticket: Ticket
    public var records: [TicketRecordNote]
    public var audit: [AuditNote]
    /// What the customer (or staff) is told of it, queued with it.
    public var letters: [OutgoingLetter]
    /// the ticket's remote sessions end with this change, their credentials wiped (`SessionLifetime`).
    public var endsRemoteSessions = false

    public init(ticket: Ticket, records: [TicketRecordNote], audit: [AuditNote] = [], letters: [OutgoingLetter] = []) {
        self.ticket = ticket
        self.records = records
        self.audit = audit
        self.letters = letters
    }
}
