/// What a finished handshake agreed on, for request handlers and logs.
public struct TLSConnectionInfo: Sendable, Equatable {
    /// OpenSSL's name of the protocol version, e.g. `TLSv1.3`.
    public let protocolVersion: String
    /// The cipher suite, e.g. `TLS_AES_256_GCM_SHA384`.
    public let cipherSuite: String
    /// The ALPN protocol both sides chose, if any.
    public let applicationProtocol: String?
    /// The subject (RFC 2253) of the peer's certificate, only when it verified against our CA file.
    public let verifiedPeerSubject: String?

    public init(protocolVersion: String, cipherSuite: String, applicationProtocol: String?, verifiedPeerSubject: String?) {
        self.protocolVersion = protocolVersion
        self.cipherSuite = cipherSuite
        self.applicationProtocol = applicationProtocol
        self.verifiedPeerSubject = verifiedPeerSubject
    }
}
