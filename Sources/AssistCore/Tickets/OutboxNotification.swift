import Foundation

/// A message waiting to be e-mailed (delivery comes later; the outbox is readable now).
public struct OutboxNotification: Sendable, Equatable, Codable {
    public let id: Int64
    public let kind: String
    public let ticketId: Int64?
    public let recipient: String
    public let subject: String
    public let body: String
    public let createdAt: Date

    public init(id: Int64, kind: String, ticketId: Int64?, recipient: String, subject: String, body: String, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.ticketId = ticketId
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
    }
}
