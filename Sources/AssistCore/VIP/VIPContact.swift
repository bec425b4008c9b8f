import Foundation

/// the phone of the employee responsible for a VIP ticket, as disclosed to the customer.
public struct VIPContact: Sendable, Equatable, Codable {
    public let ticketId: Int64
    public let agentUserId: Int64
    public let agentName: String
    public let phone: String
    public let disclosedAt: Date

    public init(ticketId: Int64, agentUserId: Int64, agentName: String, phone: String, disclosedAt: Date) {
        self.ticketId = ticketId
        self.agentUserId = agentUserId
        self.agentName = agentName
        self.phone = phone
        self.disclosedAt = disclosedAt
    }
}
