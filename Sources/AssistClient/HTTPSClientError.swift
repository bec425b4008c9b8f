import OpenSSLTLS

/// Why a request to the server got no answer.
public enum HTTPSClientError: Error, Sendable, CustomStringConvertible {
    case invalidServerAddress(String)
    case connectFailed(server: String, reason: String)
    case tls(OpenSSLError, server: String, host: String)
    case timedOut(server: String, seconds: Int)
    case connectionClosed(server: String)

    public var description: String {
        switch self {
        case .invalidServerAddress(let text):
            return "'\(text)' is not a server address: use the form https://host:port, e.g. https://localhost:8443."
        case .connectFailed(let server, let reason):
            return "Cannot connect to \(server) (\(reason)): check that the server runs and the address (--server, ASSIST_SERVER) is right."
        case .tls(let error, let server, let host):
            if error.isHostnameMismatch {
                return "The certificate of \(server) is not valid for \(host) (\(error.verifyResultDescription ?? "mismatch")): "
                    + "connect with a name the certificate lists, or reissue the certificate with this name."
            }
            if error.isUntrustedCertificate {
                return "The certificate of \(server) is not trusted (\(error.verifyResultDescription ?? "unverified")): "
                    + "pass the CA that issued it with --ca or ASSIST_CA (for development certificates: --ca Certs/dev/ca.pem)."
            }
            let reasons = error.reasons.isEmpty ? error.code.rawValue : error.reasons.joined(separator: "; ")
            return "The TLS handshake with \(server) failed (\(reasons)): if the server requires a client certificate, "
                + "pass --cert and --key (ASSIST_CERT, ASSIST_KEY)."
        case .timedOut(let server, let seconds):
            return "\(server) did not answer within \(seconds) seconds: check that the address is right and the server is not overloaded."
        case .connectionClosed(let server):
            return "\(server) closed the connection before answering: check the server's log."
        }
    }
}
