import Foundation

/// A remote-access session record on a ticket. Its credentials are kept apart,
/// encrypted, and are never part of this value.
public struct RemoteSession: Sendable, Equatable, Codable {
    public let id: Int64
    public let ticketId: Int64
    public let tid: String
    public let tool: RemoteTool
    /// The customer's TeamViewer or AmmyAdmin ID, digits only.
    public let customerRemoteId: String
    public let agentRemoteId: String?
    public let agentUserId: Int64
    public let agentName: String
    public var state: RemoteSessionState
    /// Joining is possible until then.
    public let joinExpiresAt: Date
    public let createdAt: Date
    public var activatedAt: Date?
    public var endedAt: Date?
    /// Whether the customer passed the one-time password its tool shows.
    public var hasPassedPassword: Bool
    /// Whether too many wrong PINs locked the PIN (the agent issues a new one).
    public var pinLocked: Bool

    /// Wrong PINs a session takes before its PIN locks: a six-digit PIN guessed at this rate
    /// has a 5 in 1 000 000 chance.
    public static let pinAttemptLimit = 5

    public init(
        id: Int64, ticketId: Int64, tid: String, tool: RemoteTool, customerRemoteId: String, agentRemoteId: String?,
        agentUserId: Int64, agentName: String, state: RemoteSessionState, joinExpiresAt: Date, createdAt: Date,
        activatedAt: Date?, endedAt: Date?, hasPassedPassword: Bool, pinLocked: Bool = false
    ) {
        self.id = id
        self.ticketId = ticketId
        self.tid = tid
        self.tool = tool
        self.customerRemoteId = customerRemoteId
        self.agentRemoteId = agentRemoteId
        self.agentUserId = agentUserId
        self.agentName = agentName
        self.state = state
        self.joinExpiresAt = joinExpiresAt
        self.createdAt = createdAt
        self.activatedAt = activatedAt
        self.endedAt = endedAt
        self.hasPassedPassword = hasPassedPassword
        self.pinLocked = pinLocked
    }
}
