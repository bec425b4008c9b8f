/// A letter a rule's decision sends, worded in Core: the outbox queues it in the transaction
/// that stores the decision.
public struct OutgoingLetter: Sendable, Equatable {
    /// What the letter is about, for the outbox (`level-changed`, `state-changed`, …).
    public let kind: String
    public let recipient: String
    public let subject: String
    public let body: String

    public init(kind: String, recipient: String, _ letter: (subject: String, body: String)) {
        self.kind = kind
        self.recipient = recipient
        self.subject = letter.subject
        self.body = letter.body
    }
}
