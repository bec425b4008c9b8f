import AssistCore

/// What became of an inbound e-mail.
struct InboundResult: Encodable, Sendable {
    enum Action: String, Encodable, Sendable {
        /// Appended to the ticket named in the subject.
        case appended
        /// Opened as a new ticket for the sender's customer.
        case opened
    }

    let action: Action
    let tid: String
    let ticket: Ticket
}
