import Foundation

/// A further problem added to a (non-VIP) ticket; the ticket's description is its first.
public struct TicketProblem: Sendable, Equatable, Codable {
    public let id: Int64
    public let ticketId: Int64
    public let description: String
    public let addedByUserId: Int64?
    public let createdAt: Date

    public init(id: Int64, ticketId: Int64, description: String, addedByUserId: Int64?, createdAt: Date) {
        self.id = id
        self.ticketId = ticketId
        self.description = description
        self.addedByUserId = addedByUserId
        self.createdAt = createdAt
    }
}
