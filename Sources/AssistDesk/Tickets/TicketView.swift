import AssistCore

/// A ticket as answered: the ticket, its whole thread, and — for staff — its events.
public struct TicketView: Codable, Sendable {
    public let ticket: Ticket
    /// Further problems added after the description (never on a VIP ticket).
    public let problems: [TicketProblem]
    public let messages: [TicketMessage]
    public let events: [TicketEvent]?
    /// VIP tickets: the responsible employee and their phone, or pending.
    public let vipContact: VIPContact?
    public let vipContactPending: Bool?
    /// `accepted` once the confirmation was handed to the mail relay, `pending` until then.
    public let registration: Registration

    public enum Registration: String, Codable, Sendable, CaseIterable {
        case pending
        case accepted
    }
}
