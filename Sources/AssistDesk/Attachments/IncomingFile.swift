/// A file as a channel received it (an upload's part, a letter's attachment), not yet checked.
public struct IncomingFile: Sendable {
    public let fileName: String
    public let bytes: [UInt8]

    public init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
    }
}
