import Foundation

/// One message of a ticket's thread (R-4.4: the customer sees all of it).
public struct TicketMessage: Sendable, Equatable, Codable {
    public enum Author: String, Sendable, Codable, CaseIterable {
        case customer
        case agent
    }

    public let id: Int64
    public let ticketId: Int64
    public let author: Author
    /// The user who wrote it, when written through the API.
    public let authorUserId: Int64?
    /// The sender address, for messages that came by e-mail.
    public let authorEmail: String?
    public let body: String
    /// How it reached the desk.
    public let channel: MessageChannel
    public let createdAt: Date
    /// the files that came with it.
    public var attachments: [MessageAttachment] = []

    public init(
        id: Int64, ticketId: Int64, author: Author, authorUserId: Int64?, authorEmail: String?, body: String, channel: MessageChannel,
        createdAt: Date
    ) {
        self.id = id
        self.ticketId = ticketId
        self.author = author
        self.authorUserId = authorUserId
        self.authorEmail = authorEmail
        self.body = body
        self.channel = channel
        self.createdAt = createdAt
    }
}
