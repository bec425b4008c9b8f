/// The JSON bodies the ticket routes accept.
enum TicketInputs {
    struct NewTicket: Decodable {
        let subject: String
        let description: String
        let stepsToReproduce: String?
        let productVersion: String
        let problemClass: String
        let senderEmail: String?
        let customerId: Int64?
        static let fields: Set<String> = [
            "subject", "description", "stepsToReproduce", "productVersion", "problemClass", "senderEmail", "customerId",
        ]
    }

    struct Reply: Decodable {
        let body: String
        static let fields: Set<String> = ["body"]
    }

    struct StateChange: Decodable {
        let state: String
        let reason: String?
        static let fields: Set<String> = ["state", "reason"]
    }

    struct LevelChange: Decodable {
        let level: String
        static let fields: Set<String> = ["level"]
    }

    struct Rating: Decodable {
        let score: Int
        let comment: String?
        static let fields: Set<String> = ["score", "comment"]
    }

    struct Problem: Decodable {
        let description: String
        static let fields: Set<String> = ["description"]
    }

    struct Split: Decodable {
        let subject: String
        let description: String
        let problemClass: String?
        static let fields: Set<String> = ["subject", "description", "problemClass"]
    }

    struct Reassign: Decodable {
        let agentId: Int64?
        static let fields: Set<String> = ["agentId"]
    }
}
