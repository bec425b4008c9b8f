/// The JSON bodies of the session routes. PINs and passwords travel only in bodies, never in URLs.
enum SessionInputs {
    struct Open: Decodable {
        let tool: String
        let customerRemoteId: String
        let agentRemoteId: String?
        static let fields: Set<String> = ["tool", "customerRemoteId", "agentRemoteId"]
    }

    struct Join: Decodable {
        let pin: String
        static let fields: Set<String> = ["pin"]
    }

    struct Password: Decodable {
        let password: String
        static let fields: Set<String> = ["password"]
    }
}
