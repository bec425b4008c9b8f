/// One field of a `multipart/form-data` body (RFC 7578): a text field, or a file with its name.
public struct FormDataPart: Sendable {
    /// The form field's name (`body`, `attachment`).
    public let name: String
    /// The sender's file name, made safe to show; nil for a plain field.
    public let fileName: String?
    public let bytes: [UInt8]
}
