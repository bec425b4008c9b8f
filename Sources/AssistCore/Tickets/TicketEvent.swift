import Foundation

/// Something that happened to a ticket, kept for the record: acceptance, state and level
/// changes, out-of-turn placement, the first reaction, the rating.
public struct TicketEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case accepted
        case outOfTurn = "out-of-turn"
        case stateChanged = "state-changed"
        case levelChanged = "level-changed"
        case firstResponse = "first-response"
        case rated
        /// staff confirmed the operational class.
        case operationalConfirmed = "operational-confirmed"
        /// staff moved an operational ticket to standard, with a reason.
        case classChanged = "class-changed"
        /// a customer message after an agent's answer started a next-reaction clock.
        case nextReactionDue = "next-reaction-due"
        /// the agent's answer to it, met or breached.
        case nextReaction = "next-reaction"
        /// the customer escalated to the head of support.
        case escalated
        /// by mail: the receiving server did not vouch for the sender's address (`SenderTrust`).
        case senderUnverified = "sender-unverified"
    }

    public let id: Int64
    public let ticketId: Int64
    public let kind: Kind
    public let detail: String
    public let actorUserId: Int64?
    public let createdAt: Date

    public init(id: Int64, ticketId: Int64, kind: Kind, detail: String, actorUserId: Int64?, createdAt: Date) {
        self.id = id
        self.ticketId = ticketId
        self.kind = kind
        self.detail = detail
        self.actorUserId = actorUserId
        self.createdAt = createdAt
    }
}
