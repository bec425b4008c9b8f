/// The randomness and digests the desk needs (tokens, PINs, session codes), given by the
/// composition root from OpenSSL, so the desk itself touches no crypto library.
public protocol Secrets: Sendable {
    /// `count` bytes from a cryptographically secure generator.
    func randomBytes(_ count: Int) throws -> [UInt8]
    /// The lowercase hex SHA-256 of the UTF-8 bytes of `text`.
    func sha256Hex(_ text: String) -> String
}
