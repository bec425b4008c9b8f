/// The JSON bodies the ticket routes accept.
public enum TicketInputs {
    public struct NewTicket: Decodable {
        public let subject: String
        public let description: String
        public let stepsToReproduce: String?
        public let productVersion: String
        public let problemClass: String
        public let senderEmail: String?
        public let customerId: Int64?
    }

    public struct Reply: Decodable {
        public let body: String

        public init(body: String) {
            self.body = body
        }
    }

    public struct StateChange: Decodable {
        public let state: String
        public let reason: String?
    }

    public struct LevelChange: Decodable {
        public let level: String
    }

    public struct Rating: Decodable {
        public let score: Int
        public let comment: String?
    }

    public struct Problem: Decodable {
        public let description: String
    }

    public struct Split: Decodable {
        public let subject: String
        public let description: String
        public let problemClass: String?
    }

    /// `confirm`, or `standard` with a reason.
    public struct ClassDecision: Decodable {
        public let decision: String
        public let reason: String?
    }

    /// what the customer asks of the head of support.
    public struct Escalation: Decodable {
        public let message: String
    }

    public struct Reassign: Decodable {
        public let agentId: Int64?
    }
}
