/// What a TLS context needs: our certificate and key, whom we trust, what we speak.
///
/// The protocol floor is TLS 1.2 and the cipher list is fixed to forward-secret AEAD suites
/// (see `OpenSSLContext`); those are not settings, so nobody can weaken them by accident.
public struct TLSConfiguration: Sendable {
    /// PEM file with our certificate first, then the intermediates (a full chain).
    public var certificateChainFile: String?
    /// PEM file with the private key of the first certificate.
    public var privateKeyFile: String?
    /// PEM file of the CA certificates that verify the peer: clients (server side, mTLS)
    /// or the server (client side; nil means the system's default trust store).
    public var trustRootsFile: String?
    /// Server side only: whether to ask for a client certificate.
    public var clientAuthentication: ClientAuthentication
    /// ALPN protocols in order of preference.
    public var applicationProtocols: [String]

    public init(
        certificateChainFile: String? = nil,
        privateKeyFile: String? = nil,
        trustRootsFile: String? = nil,
        clientAuthentication: ClientAuthentication = .none,
        applicationProtocols: [String] = ["http/1.1"]
    ) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
        self.trustRootsFile = trustRootsFile
        self.clientAuthentication = clientAuthentication
        self.applicationProtocols = applicationProtocols
    }
}
