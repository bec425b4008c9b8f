/// The JSON bodies of the session routes. PINs and passwords travel only in bodies, never in URLs.
public enum SessionInputs {
    public struct Open: Decodable {
        public let tool: String
        public let customerRemoteId: String
        public let agentRemoteId: String?

        public init(tool: String, customerRemoteId: String, agentRemoteId: String? = nil) {
            self.tool = tool
            self.customerRemoteId = customerRemoteId
            self.agentRemoteId = agentRemoteId
        }
    }

    public struct Join: Decodable {
        public let pin: String

        public init(pin: String) {
            self.pin = pin
        }
    }

    public struct Password: Decodable {
        public let password: String

        public init(password: String) {
            self.password = password
        }
    }
}
