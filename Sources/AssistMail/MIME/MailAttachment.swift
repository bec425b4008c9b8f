/// A file attached to a received letter, decoded from its transfer encoding.
///
/// `fileName` is safe to show and to use as a last path component: no folders, no control
/// characters, at most 200 characters. `declaredType` is what the sender's client claimed
/// (lower-cased, e.g. `image/png`); judges the bytes, not this.
public struct MailAttachment: Sendable, Equatable {
    public let fileName: String
    public let declaredType: String
    public let bytes: [UInt8]

    public init(fileName: String, declaredType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.declaredType = declaredType
        self.bytes = bytes
    }
}
