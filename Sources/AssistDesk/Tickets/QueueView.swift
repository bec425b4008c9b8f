import AssistCore
import Foundation

/// `GET /v1/queue`: open tickets still waiting for their first reaction.
public struct QueueView: Encodable, Sendable {
    public struct Entry: Encodable, Sendable {
        public let tid: String
        public let customerId: Int64
        public let subject: String
        public let slaLevel: SLALevel
        public let receivedAt: Date
        public let reactionDeadline: Date
        /// For out-of-turn entries, the recorded reason.
        public let outOfTurnReason: String?
    }

    /// Operational problems (a product or service stopped working), taken out of turn.
    public let outOfTurn: [Entry]
    /// Everything else, in arrival order.
    public let inTurn: [Entry]
}
