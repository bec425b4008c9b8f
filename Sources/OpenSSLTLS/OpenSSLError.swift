import OpenSSLCrypto
import COpenSSL

/// A TLS failure, with OpenSSL's own reason strings.
///
/// `code` is stable and meant for programs; `reasons` are the entries OpenSSL put on the
/// thread's error queue for this one call (drained right after it, so they never leak into
/// another connection's error). Nothing secret is ever part of an OpenSSL reason string.
public struct OpenSSLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A context could not be made (out of memory, broken OpenSSL install).
        case contextSetup
        /// The certificate chain file is missing, unreadable or not PEM.
        case certificateChainFile
        /// The private key file is missing, unreadable, encrypted or not PEM.
        case privateKeyFile
        /// The private key does not belong to the first certificate of the chain.
        case keyDoesNotMatchCertificate
        /// The CA file used to verify the peer is missing or unreadable.
        case trustRootsFile
        /// The handshake failed: bad protocol, no common cipher, certificate refused, garbage.
        case handshakeFailed
        /// The peer closed TCP before the handshake finished.
        case eofDuringHandshake
        /// The peer closed TCP after the handshake without sending close_notify.
        case uncleanShutdown
        /// Reading application data failed (corrupt record, protocol violation).
        case readFailed
        /// Encrypting application data failed.
        case writeFailed
    }

    public let code: Code
    /// OpenSSL's reason strings for this failure, oldest first (may be empty).
    public let reasons: [String]
    /// The peer certificate verification result (`X509_V_OK` is 0), when a handshake failed.
    public let verifyResult: Int
    /// Extra context from our side, such as the file that could not be read.
    public let detail: String?

    public init(code: Code, reasons: [String] = [], verifyResult: Int = 0, detail: String? = nil) {
        self.code = code
        self.reasons = reasons
        self.verifyResult = verifyResult
        self.detail = detail
    }

    /// Builds an error from whatever is on this thread's OpenSSL error queue, emptying it.
    static func drainingQueue(code: Code, verifyResult: Int = 0, detail: String? = nil) -> OpenSSLError {
        OpenSSLError(code: code, reasons: OpenSSLErrorQueue.drain(), verifyResult: verifyResult, detail: detail)
    }

    /// The certificate verification failure in words, when there was one.
    public var verifyResultDescription: String? {
        guard verifyResult != 0 else { return nil }
        return String(cString: X509_verify_cert_error_string(numericCast(verifyResult)))
    }

    /// True when the peer's certificate did not match the host name or address we asked for.
    public var isHostnameMismatch: Bool {
        verifyResult == Int(X509_V_ERR_HOSTNAME_MISMATCH) || verifyResult == Int(X509_V_ERR_IP_ADDRESS_MISMATCH)
    }

    /// True when the peer's certificate chain does not lead to a CA we trust.
    public var isUntrustedCertificate: Bool {
        verifyResult != 0 && !isHostnameMismatch
    }

    public var description: String {
        var parts = ["TLS error \(code.rawValue)"]
        if let detail { parts.append(detail) }
        if let verify = verifyResultDescription { parts.append("certificate verification: \(verify)") }
        if !reasons.isEmpty { parts.append(reasons.joined(separator: "; ")) }
        return parts.joined(separator: ": ")
    }
}
