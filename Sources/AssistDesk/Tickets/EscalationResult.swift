/// an escalation as answered: the ticket, and whether the head of support was told now
/// (once per ticket per day; later ones that day are recorded only).
public struct EscalationResult: Codable, Sendable {
    public let ticket: TicketView
    public let headNotified: Bool
}
