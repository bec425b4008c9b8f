import Foundation

/// A letter that would have opened a ticket but came beyond its sender's daily cap (a mail
/// loop, a script or a flood): kept for staff instead of becoming one more ticket.
public struct HeldLetter: Sendable, Equatable, Codable {
    public let id: Int64
    public let sender: String
    public let subject: String
    public let body: String
    public let messageId: String?
    public let receivedAt: Date

    public init(id: Int64, sender: String, subject: String, body: String, messageId: String?, receivedAt: Date) {
        self.id = id
        self.sender = sender
        self.subject = subject
        self.body = body
        self.messageId = messageId
        self.receivedAt = receivedAt
    }
}
