import Foundation

/// A message to a customer or to staff in the outbox, with how its delivery is going.
public struct OutboxNotification: Sendable, Equatable, Codable {
    public let id: Int64
    public let kind: String
    public let ticketId: Int64?
    public let recipient: String
    public let subject: String
    public var body: String
    public let createdAt: Date
    public var state: DeliveryState
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// The relay's last answer (or the network failure), for staff.
    public var lastReply: String?
    /// Ours, on our own domain; stable across retries.
    public var messageId: String?
    public var sentAt: Date?
    /// The Message-ID of the ticket's first notification, so mail clients thread the rest under it.
    public var threadMessageId: String?
    /// The sealed secret that takes `LetterSecret.marker`'s place in the body, given to the
    /// delivery service by a claim only; never encoded into an answer.
    public var sealedSecret: [UInt8]?

    /// Every field but `sealedSecret`: what staff and the API may see of a letter.
    enum CodingKeys: String, CodingKey {
        case id, kind, ticketId, recipient, subject, body, createdAt, state, attempts, nextAttemptAt, lastReply, messageId, sentAt, threadMessageId
    }

    public init(
        id: Int64, kind: String, ticketId: Int64?, recipient: String, subject: String, body: String, createdAt: Date,
        state: DeliveryState = .queued, attempts: Int = 0, nextAttemptAt: Date? = nil, lastReply: String? = nil, messageId: String? = nil,
        sentAt: Date? = nil, threadMessageId: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.ticketId = ticketId
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastReply = lastReply
        self.messageId = messageId
        self.sentAt = sentAt
        self.threadMessageId = threadMessageId
    }
}
