/// Makes bearer tokens: 256 random bits, shown once, stored only as SHA-256.
///
/// A token is `abt_` followed by 43 base64url characters. With 256 bits of entropy a plain
/// SHA-256 is enough to store it: there is nothing to guess, so no salt or slow hash is needed.
public struct TokenIssuer: Sendable {
    public struct Issued: Sendable {
        /// The token itself: hand it to its owner once, then forget it.
        public let secret: String
        public let hash: String
    }

    public static let prefix = "abt_"

    let secrets: any Secrets

    public init(secrets: any Secrets) {
        self.secrets = secrets
    }

    public func issue() throws -> Issued {
        let secret = Self.prefix + Self.base64URL(try secrets.randomBytes(32))
        return Issued(secret: secret, hash: hash(of: secret))
    }

    public func hash(of secret: String) -> String {
        secrets.sha256Hex(secret)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var output = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for position in 0..<(chunk.count + 1) {
                output.append(alphabet[(value >> (18 - 6 * position)) & 63])
            }
            index += 3
        }
        return output
    }
}
