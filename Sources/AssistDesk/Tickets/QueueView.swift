import AssistCore
import Foundation

/// `GET /v1/queue`: open tickets still waiting for their first reaction.
public struct QueueView: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let tid: String
        public let customerId: Int64
        public let subject: String
        public let slaLevel: SLALevel
        public let receivedAt: Date
        public let reactionDeadline: Date
        /// For out-of-turn entries, the recorded reason.
        public let outOfTurnReason: String?
        /// The first reaction, or the next one to a customer's message after an answer.
        public let waitingFor: Waiting
        /// Since when: the ticket's arrival, or the customer's message.
        public let waitingSince: Date
        /// When that reaction is due.
        public let dueAt: Date
    }

    public enum Waiting: String, Codable, Sendable, CaseIterable {
        case firstReaction = "first-reaction"
        case nextReaction = "next-reaction"
    }

    /// Operational problems (a product or service stopped working), taken out of turn.
    public let outOfTurn: [Entry]
    /// Everything else, in arrival order.
    public let inTurn: [Entry]
}
