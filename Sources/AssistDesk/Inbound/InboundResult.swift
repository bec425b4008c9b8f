import AssistCore

/// What became of an inbound e-mail.
public struct InboundResult: Codable, Sendable {
    public enum Action: String, Codable, Sendable, CaseIterable {
        /// Appended to the ticket named in the subject.
        case appended
        /// Opened as a new ticket for the sender's customer.
        case opened
    }

    public let action: Action
    public let tid: String
    public let ticket: Ticket
}
