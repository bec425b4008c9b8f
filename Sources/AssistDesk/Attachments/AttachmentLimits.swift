/// How much a message may carry (R-4.6 names formats, not sizes: these are product settings).
public struct AttachmentLimits: Sendable, Equatable {
    public var maxFileBytes = 10 * 1024 * 1024
    public var maxMessageBytes = 25 * 1024 * 1024
    public var maxFiles = 10

    public init() {}
}
