import Foundation

/// A session an agent opens on a ticket, validated.
public struct NewRemoteSession: Sendable, Equatable {
    public let ticketId: Int64
    public let tid: String
    public let tool: RemoteTool
    public let customerRemoteId: String
    public let agentRemoteId: String?
    public let agentUserId: Int64
    public let agentName: String
    public let joinExpiresAt: Date

    public init(
        ticketId: Int64, tid: String, tool: RemoteTool, customerRemoteId: String, agentRemoteId: String?, agentUserId: Int64,
        agentName: String, joinExpiresAt: Date
    ) {
        self.ticketId = ticketId
        self.tid = tid
        self.tool = tool
        self.customerRemoteId = customerRemoteId
        self.agentRemoteId = agentRemoteId
        self.agentUserId = agentUserId
        self.agentName = agentName
        self.joinExpiresAt = joinExpiresAt
    }
}
