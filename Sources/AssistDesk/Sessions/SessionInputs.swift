/// The JSON bodies of the session routes. PINs and passwords travel only in bodies, never in URLs.
public enum SessionInputs {
    public struct Open: Decodable {
        public let tool: String
        public let customerRemoteId: String
        public let agentRemoteId: String?
    }

    public struct Join: Decodable {
        public let pin: String
    }

    public struct Password: Decodable {
        public let password: String
    }
}
