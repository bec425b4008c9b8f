import COpenSSL

/// Cryptographically strong random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let reasons: [String]
        public var description: String { "OpenSSL could not produce random bytes: \(reasons.joined(separator: "; "))" }
    }

    public static func bytes(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        OpenSSLErrorQueue.clear()
        guard RAND_bytes(&bytes, Int32(count)) == 1 else {
            throw Failure(reasons: OpenSSLErrorQueue.drain())
        }
        return bytes
    }
}
