import AssistCore

/// A ticket as answered: the ticket, its whole thread, and — for staff — its events.
struct TicketView: Encodable, Sendable {
    let ticket: Ticket
    /// Further problems added after the description (never on a VIP ticket).
    let problems: [TicketProblem]
    let messages: [TicketMessage]
    let events: [TicketEvent]?
    /// VIP tickets: the responsible employee and their phone, or pending.
    let vipContact: VIPContact?
    let vipContactPending: Bool?
}
