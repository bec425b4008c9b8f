import NIOCore

/// Splits raw TLS bytes into records (5-byte header: type, version, length).
enum TLSRecords {
    /// TLS 1.3 sends everything after the handshake, alerts included, under this outer type.
    static let applicationData: UInt8 = 23

    /// The content types of the complete records in `bytes`, in order.
    static func contentTypes(of bytes: ByteBuffer) -> [UInt8] {
        var buffer = bytes
        var types: [UInt8] = []
        while buffer.readableBytes >= 5,
              let type = buffer.readInteger(as: UInt8.self),
              buffer.readInteger(as: UInt16.self) != nil,
              let length = buffer.readInteger(as: UInt16.self),
              buffer.readSlice(length: Int(length)) != nil {
            types.append(type)
        }
        return types
    }
}
