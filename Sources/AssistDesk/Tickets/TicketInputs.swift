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
        public static let fields: Set<String> = [
            "subject", "description", "stepsToReproduce", "productVersion", "problemClass", "senderEmail", "customerId",
        ]
    }

    public struct Reply: Decodable {
        public let body: String
        public static let fields: Set<String> = ["body"]
    }

    public struct StateChange: Decodable {
        public let state: String
        public let reason: String?
        public static let fields: Set<String> = ["state", "reason"]
    }

    public struct LevelChange: Decodable {
        public let level: String
        public static let fields: Set<String> = ["level"]
    }

    public struct Rating: Decodable {
        public let score: Int
        public let comment: String?
        public static let fields: Set<String> = ["score", "comment"]
    }

    public struct Problem: Decodable {
        public let description: String
        public static let fields: Set<String> = ["description"]
    }

    public struct Split: Decodable {
        public let subject: String
        public let description: String
        public let problemClass: String?
        public static let fields: Set<String> = ["subject", "description", "problemClass"]
    }

    public struct Reassign: Decodable {
        public let agentId: Int64?
        public static let fields: Set<String> = ["agentId"]
    }
}
