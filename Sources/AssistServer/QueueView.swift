import AssistCore
import Foundation

/// `GET /v1/queue`: open tickets still waiting for their first reaction.
struct QueueView: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        let tid: String
        let customerId: Int64
        let subject: String
        let slaLevel: SLALevel
        let receivedAt: Date
        let reactionDeadline: Date
        /// For out-of-turn entries, the recorded reason.
        let outOfTurnReason: String?
    }

    /// Operational problems (a product or service stopped working), taken out of turn.
    let outOfTurn: [Entry]
    /// Everything else, in arrival order.
    let inTurn: [Entry]
}
