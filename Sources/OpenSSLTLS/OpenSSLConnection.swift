import OpenSSLCrypto
import COpenSSL
import NIOCore

/// One TLS connection: an OpenSSL `SSL` between two memory BIOs.
///
/// Bytes from the network are fed into the input BIO; whatever OpenSSL wants to send lands
/// in the output BIO and must be drained after every call (a read can produce output too:
/// alerts, TLS 1.3 KeyUpdate answers). Used on one event loop only. Every call clears the
/// thread's error queue first and drains it right after.
final class OpenSSLConnection {
    enum HandshakeResult {
        case complete
        case incomplete
        case failed(OpenSSLError)
    }

    enum ReadResult {
        /// Everything readable was decoded; more network bytes are needed.
        case incomplete
        /// The peer sent close_notify.
        case closeNotify
        case failed(OpenSSLError)
    }

    /// TLS records carry at most 16 KiB of plaintext.
    static let maximumRecordPlaintext = 16 * 1024

    private let ssl: OpaquePointer
    private let networkInput: OpaquePointer
    private let networkOutput: OpaquePointer
    /// Keeps the `SSL_CTX` alive as long as this `SSL`.
    private let context: OpenSSLContext

    /// - Parameter serverName: client side only: the host name or address to verify the
    ///   server's certificate against (and to send as SNI when it is a name).
    init(context: OpenSSLContext, serverName: String?) throws {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.pointer) else {
            throw OpenSSLError.drainingQueue(code: .contextSetup)
        }
        guard let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw OpenSSLError.drainingQueue(code: .contextSetup)
        }
        SSL_set_bio(ssl, input, output)  // the SSL owns both BIOs from here on
        self.ssl = ssl
        self.networkInput = input
        self.networkOutput = output
        self.context = context

        switch context.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            if let serverName {
                try expectPeer(serverName)
            }
        }
    }

    deinit {
        SSL_free(ssl)
    }

    private func expectPeer(_ serverName: String) throws {
        // An address is checked against the certificate's IP SANs and never sent as SNI
        // (RFC 6066 allows only host names there); a name is checked and sent.
        let parameters = SSL_get0_param(ssl)
        if X509_VERIFY_PARAM_set1_ip_asc(parameters, serverName) == 1 {
            return
        }
        OpenSSLErrorQueue.clear()
        guard SSL_set1_host(ssl, serverName) == 1, assist_SSL_set_tlsext_host_name(ssl, serverName) == 1 else {
            throw OpenSSLError.drainingQueue(code: .contextSetup, detail: "invalid server name \(serverName)")
        }
    }

    /// Hands bytes received from the network to OpenSSL.
    func feed(_ bytes: ByteBuffer) {
        bytes.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return }
            // A memory BIO takes everything it is given.
            _ = BIO_write(networkInput, base, Int32(raw.count))
        }
    }

    func handshake() -> HandshakeResult {
        OpenSSLErrorQueue.clear()
        let rc = SSL_do_handshake(ssl)
        if rc == 1 { return .complete }
        switch SSL_get_error(ssl, rc) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .incomplete
        default:
            let verify = SSL_get_verify_result(ssl)
            return .failed(.drainingQueue(code: .handshakeFailed, verifyResult: Int(verify)))
        }
    }

    /// Decodes all the application data OpenSSL can, appending it to `plaintext`.
    func read(into plaintext: inout ByteBuffer) -> ReadResult {
        while true {
            OpenSSLErrorQueue.clear()
            var status: Int32 = 0
            plaintext.writeWithUnsafeMutableBytes(minimumWritableBytes: readChunkSize()) { raw in
                var count = 0
                status = SSL_read_ex(ssl, raw.baseAddress, raw.count, &count)
                return status == 1 ? count : 0
            }
            if status == 1 { continue }
            switch SSL_get_error(ssl, status) {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                return .incomplete
            case SSL_ERROR_ZERO_RETURN:
                return .closeNotify
            default:
                return .failed(.drainingQueue(code: .readFailed))
            }
        }
    }

    /// Room to reserve for the next `SSL_read`: plaintext is never longer than the ciphertext
    /// waiting for it, so a small request does not cost a 16 KiB buffer. A read that fills the
    /// room is simply followed by another.
    private func readChunkSize() -> Int {
        let waiting = Int(BIO_ctrl_pending(networkInput)) + Int(SSL_pending(ssl))
        return max(512, min(waiting, Self.maximumRecordPlaintext))
    }

    /// Encrypts `bytes` whole into the output BIO (which never refuses a write).
    func write(_ bytes: ByteBuffer) -> OpenSSLError? {
        OpenSSLErrorQueue.clear()
        let ok = bytes.withUnsafeReadableBytes { raw -> Bool in
            var written = 0
            return SSL_write_ex(ssl, raw.baseAddress, raw.count, &written) == 1 && written == raw.count
        }
        return ok ? nil : .drainingQueue(code: .writeFailed)
    }

    /// Queues our close_notify. Whether the peer's has arrived does not matter to us.
    func shutdown() {
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }

    /// Takes whatever OpenSSL wants sent to the peer, or nil when there is nothing.
    func takeNetworkOutput(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let pending = Int(BIO_ctrl_pending(networkOutput))
        guard pending > 0 else { return nil }
        var buffer = allocator.buffer(capacity: pending)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { raw in
            Int(max(0, BIO_read(networkOutput, raw.baseAddress, Int32(pending))))
        }
        return buffer
    }

    /// The parameters of the finished handshake.
    func negotiatedInfo() -> TLSConnectionInfo {
        let version = String(cString: SSL_get_version(ssl))
        let cipher = SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? ""
        var alpnPointer: UnsafePointer<UInt8>?
        var alpnLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &alpnPointer, &alpnLength)
        let alpn = alpnPointer.flatMap { pointer -> String? in
            alpnLength == 0 ? nil : String(decoding: UnsafeBufferPointer(start: pointer, count: Int(alpnLength)), as: UTF8.self)
        }
        return TLSConnectionInfo(
            protocolVersion: version,
            cipherSuite: cipher,
            applicationProtocol: alpn,
            verifiedPeerSubject: verifiedPeerSubject()
        )
    }

    private func verifiedPeerSubject() -> String? {
        guard let certificate = SSL_get0_peer_certificate(ssl),
              SSL_get_verify_result(ssl) == X509_V_OK,
              let name = X509_get_subject_name(certificate),
              let bio = BIO_new(BIO_s_mem())
        else { return nil }
        defer { BIO_free(bio) }
        guard X509_NAME_print_ex(bio, name, 0, assist_XN_FLAG_RFC2253()) >= 0 else { return nil }
        var data: UnsafeMutablePointer<CChar>?
        let length = assist_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }
}
