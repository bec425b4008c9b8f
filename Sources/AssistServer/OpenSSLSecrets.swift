import AssistDesk
import OpenSSLCrypto

/// The desk's randomness and digests from the system OpenSSL.
public struct OpenSSLSecrets: Secrets {
    public init() {}

    public func randomBytes(_ count: Int) throws -> [UInt8] {
        try SecureRandom.bytes(count)
    }

    public func sha256Hex(_ text: String) -> String {
        SHA256Digest.hex(of: text)
    }
}
