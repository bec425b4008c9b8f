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

        public init(subject: String, description: String, stepsToReproduce: String? = nil, productVersion: String, problemClass: String, senderEmail: String? = nil, customerId: Int64? = nil) {
            self.subject = subject
            self.description = description
            self.stepsToReproduce = stepsToReproduce
            self.productVersion = productVersion
            self.problemClass = problemClass
            self.senderEmail = senderEmail
            self.customerId = customerId
        }
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

        public init(state: String, reason: String? = nil) {
            self.state = state
            self.reason = reason
        }
    }

    public struct LevelChange: Decodable {
        public let level: String

        public init(level: String) {
            self.level = level
        }
    }

    public struct Rating: Decodable {
        public let score: Int
        public let comment: String?

        public init(score: Int, comment: String? = nil) {
            self.score = score
            self.comment = comment
        }
    }

    public struct Problem: Decodable {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public struct Split: Decodable {
        public let subject: String
        public let description: String
        public let problemClass: String?

        public init(subject: String, description: String, problemClass: String? = nil) {
            self.subject = subject
            self.description = description
            self.problemClass = problemClass
        }
    }

    /// `confirm`, or `standard` with a reason.
    public struct ClassDecision: Decodable {
        public let decision: String
        public let reason: String?

        public init(decision: String, reason: String? = nil) {
            self.decision = decision
            self.reason = reason
        }
    }

    /// what the customer asks of the head of support.
    public struct Escalation: Decodable {
        public let message: String

        public init(message: String) {
            self.message = message
        }
    }

    public struct Reassign: Decodable {
        public let agentId: Int64?

        public init(agentId: Int64? = nil) {
            self.agentId = agentId
        }
    }
}
