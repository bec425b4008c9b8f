/// The bodies of the metering use cases.
public enum MeteringInputs {
    public struct Start: Decodable, Sendable {
        public let kind: String
        public let channel: String
    }

    public struct Correction: Decodable, Sendable {
        public let rawSeconds: Int?
        public let kind: String?
        public let reason: String
    }
}
