/// An attachment with its bytes and the ticket it belongs to (for the access check).
public struct AttachmentContent: Sendable {
    public let attachment: MessageAttachment
    public let ticketId: Int64
    public let bytes: [UInt8]

    public init(attachment: MessageAttachment, ticketId: Int64, bytes: [UInt8]) {
        self.attachment = attachment
        self.ticketId = ticketId
        self.bytes = bytes
    }
}
