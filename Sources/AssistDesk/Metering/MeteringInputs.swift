/// The bodies of the metering use cases.
public enum MeteringInputs {
    public struct Start: Decodable, Sendable {
        public let kind: String
        public let channel: String

        public init(kind: String, channel: String) {
            self.kind = kind
            self.channel = channel
        }
    }

    public struct Correction: Decodable, Sendable {
        public let rawSeconds: Int?
        public let kind: String?
        public let reason: String

        public init(rawSeconds: Int? = nil, kind: String? = nil, reason: String) {
            self.rawSeconds = rawSeconds
            self.kind = kind
            self.reason = reason
        }
    }
}
