/// A file that passed, about to be stored with its message.
public struct NewAttachment: Sendable, Equatable {
    /// The sender's name for it, already made safe to show (no path, no control characters).
    public let fileName: String
    /// What its content is (never what its name says).
    public let format: AttachmentFormat
    public let bytes: [UInt8]

    public init(fileName: String, format: AttachmentFormat, bytes: [UInt8]) {
        self.fileName = fileName
        self.format = format
        self.bytes = bytes
    }
}
