/// Whether a server asks clients for a certificate (mutual TLS).
public enum ClientAuthentication: String, Sendable, CaseIterable {
    /// No client certificate is requested.
    case none
    /// A certificate is requested; a client may send none, but one it sends must verify.
    case optional
    /// A client without a certificate that verifies against the CA file is refused.
    case required
}
