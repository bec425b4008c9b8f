import COpenSSL

/// scrypt (RFC 7914) from the system OpenSSL: the slow, memory-hard key derivation behind
/// stored passwords. Deliberately expensive, so a stolen database costs an attacker dearly.
public enum Scrypt {
    /// The cost of one derivation. N is a power of two; memory is about 128 · N · r bytes.
    public struct Cost: Sendable, Equatable {
        public let log2N: Int
        public let r: Int
        public let p: Int

        public init(log2N: Int, r: Int, p: Int) {
            self.log2N = log2N
            self.r = r
            self.p = p
        }

        /// N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per sign-in.
        public static let interactive = Cost(log2N: 15, r: 8, p: 1)
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let reasons: [String]
        public var description: String { "OpenSSL could not derive the scrypt key: \(reasons.joined(separator: "; "))" }
    }

    /// The `length`-byte key for `password` and `salt` at `cost`.
    public static func derive(password: [UInt8], salt: [UInt8], cost: Cost, length: Int = 32) throws -> [UInt8] {
        var key = [UInt8](repeating: 0, count: length)
        let n = UInt64(1) << UInt64(cost.log2N)
        // OpenSSL refuses derivations above maxmem; allow what this cost needs plus headroom.
        let maxMemory = UInt64(cost.p) * 128 * UInt64(cost.r) * (n + 2) + (1 << 20)
        OpenSSLErrorQueue.clear()
        // A trailing zero keeps the buffer non-empty (an empty password still has an address);
        // OpenSSL reads only `password.count` bytes.
        let passwordBytes = password + [0]
        let saltBytes = salt + [0]
        let status = passwordBytes.withUnsafeBytes { passwordBuffer in
            saltBytes.withUnsafeBufferPointer { saltBuffer in
                EVP_PBE_scrypt(
                    passwordBuffer.baseAddress!.assumingMemoryBound(to: CChar.self), password.count,
                    saltBuffer.baseAddress!, salt.count,
                    n, UInt64(cost.r), UInt64(cost.p), maxMemory,
                    &key, length)
            }
        }
        guard status == 1 else { throw Failure(reasons: OpenSSLErrorQueue.drain()) }
        return key
    }
}
