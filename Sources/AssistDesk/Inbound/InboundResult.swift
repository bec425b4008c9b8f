import AssistCore

/// What became of an e-mail handed in through `POST /v1/inbound`.
public struct InboundResult: Codable, Sendable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Appended to the ticket its subject's TID or its references name.
        case appended
        /// Opened as a new ticket for the sender's customer.
        case opened
        /// Beyond the sender's daily cap of new tickets by mail: kept for staff, not filed.
        case held
        /// A letter with this Message-ID was filed before: nothing changed.
        case duplicate
    }

    public let action: Action
    /// The ticket appended to or opened; nil for a held or duplicate letter.
    public let tid: String?
    public let ticket: Ticket?
}
