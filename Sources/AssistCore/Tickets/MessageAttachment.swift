import Foundation

/// A stored attachment of a message, as a thread lists it. The bytes are stored once per
/// content (by SHA-256) and read separately.
public struct MessageAttachment: Sendable, Equatable, Codable {
    public let id: Int64
    public let messageId: Int64
    public let fileName: String
    /// From the content, e.g. `image/png`.
    public let mediaType: String
    public let sizeBytes: Int
    /// Lower-case hexadecimal SHA-256 of the content.
    public let sha256: String

    public init(id: Int64, messageId: Int64, fileName: String, mediaType: String, sizeBytes: Int, sha256: String) {
        self.id = id
        self.messageId = messageId
        self.fileName = fileName
        self.mediaType = mediaType
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
    }
}
