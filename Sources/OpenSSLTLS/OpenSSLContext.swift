import OpenSSLCrypto
import COpenSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An OpenSSL `SSL_CTX`: the shared, read-only settings from which each connection is made.
///
/// Built once at start-up and then only read, which OpenSSL allows from any thread, hence
/// `@unchecked Sendable`. What every context gets, whatever the configuration says:
/// TLS 1.2 minimum and TLS 1.3 preferred; forward-secret AEAD suites only (ECDHE with
/// AES-GCM or ChaCha20-Poly1305; TLS 1.3 suites are all of that kind); no renegotiation;
/// no compression; no session resumption (no cache, no tickets), so every connection does a
/// full handshake and no ticket key ever has to be protected or rotated.
public final class OpenSSLContext: @unchecked Sendable {
    public enum Role: Sendable {
        case server
        case client
    }

    static let tls12CipherList =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
        + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
    static let tls13CipherSuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
    static let groups = "X25519:P-256:P-384"

    let pointer: OpaquePointer
    public let role: Role
    public let configuration: TLSConfiguration
    /// Our ALPN list in wire format (length-prefixed names) plus a terminating zero length,
    /// kept alive for the select callback, which gets only a pointer.
    private let alpnWireFormat: UnsafeMutableBufferPointer<UInt8>

    public init(configuration: TLSConfiguration, role: Role) throws {
        OpenSSLErrorQueue.clear()
        let method = role == .server ? TLS_server_method() : TLS_client_method()
        guard let context = SSL_CTX_new(method) else {
            throw OpenSSLError.drainingQueue(code: .contextSetup)
        }
        self.pointer = context
        self.role = role
        self.configuration = configuration
        let wire = configuration.applicationProtocols.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        self.alpnWireFormat = .allocate(capacity: wire.count + 1)
        _ = self.alpnWireFormat.initialize(from: wire + [0])

        try configureProtocols()
        try loadIdentity()
        try configureVerification()
        configureApplicationProtocols(wireLength: wire.count)
    }

    deinit {
        SSL_CTX_free(pointer)
        alpnWireFormat.deallocate()
    }

    private func configureProtocols() throws {
        let ok = assist_SSL_CTX_set_min_proto_version(pointer, TLS1_2_VERSION) == 1
            && assist_SSL_CTX_set_max_proto_version(pointer, TLS1_3_VERSION) == 1
            && SSL_CTX_set_cipher_list(pointer, Self.tls12CipherList) == 1
            && SSL_CTX_set_ciphersuites(pointer, Self.tls13CipherSuites) == 1
            && assist_SSL_CTX_set1_groups_list(pointer, Self.groups) == 1
        guard ok else { throw OpenSSLError.drainingQueue(code: .contextSetup) }
        SSL_CTX_set_options(pointer, assist_default_ssl_options())
        // Writes are all-or-nothing (the output BIO is memory, it never blocks), and the
        // buffers OpenSSL keeps between records are released on idle connections.
        _ = assist_SSL_CTX_set_mode(pointer, Int(SSL_MODE_RELEASE_BUFFERS))
        _ = assist_SSL_CTX_set_session_cache_mode(pointer, Int(SSL_SESS_CACHE_OFF))
        if role == .server {
            _ = SSL_CTX_set_num_tickets(pointer, 0)
        }
    }

    private func loadIdentity() throws {
        guard let chain = configuration.certificateChainFile else {
            if role == .server {
                throw OpenSSLError(code: .certificateChainFile, detail: "a server needs a certificate chain file")
            }
            return
        }
        try Self.requireReadable(chain, code: .certificateChainFile)
        guard SSL_CTX_use_certificate_chain_file(pointer, chain) == 1 else {
            throw OpenSSLError.drainingQueue(code: .certificateChainFile)
        }
        guard let key = configuration.privateKeyFile else {
            throw OpenSSLError(code: .privateKeyFile, detail: "a certificate needs its private key file")
        }
        try Self.requireReadable(key, code: .privateKeyFile)
        guard SSL_CTX_use_PrivateKey_file(pointer, key, SSL_FILETYPE_PEM) == 1 else {
            // OpenSSL checks the key against the certificate already loaded while reading it.
            let reasons = OpenSSLErrorQueue.drain()
            let mismatch = reasons.contains { $0.contains("values mismatch") }
            throw OpenSSLError(
                code: mismatch ? .keyDoesNotMatchCertificate : .privateKeyFile, reasons: reasons,
                detail: mismatch ? "\(key) does not belong to \(chain)" : nil)
        }
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw OpenSSLError.drainingQueue(code: .keyDoesNotMatchCertificate, detail: "\(key) does not belong to \(chain)")
        }
    }

    private func configureVerification() throws {
        switch role {
        case .client:
            if let roots = configuration.trustRootsFile {
                try Self.requireReadable(roots, code: .trustRootsFile)
                guard SSL_CTX_load_verify_locations(pointer, roots, nil) == 1 else {
                    throw OpenSSLError.drainingQueue(code: .trustRootsFile)
                }
            } else {
                SSL_CTX_set_default_verify_paths(pointer)
            }
            SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
        case .server:
            switch configuration.clientAuthentication {
            case .none:
                SSL_CTX_set_verify(pointer, SSL_VERIFY_NONE, nil)
                return
            case .optional:
                SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
            case .required:
                SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
            }
            guard let roots = configuration.trustRootsFile else {
                throw OpenSSLError(code: .trustRootsFile, detail: "client certificates need a CA file to verify them")
            }
            try Self.requireReadable(roots, code: .trustRootsFile)
            guard SSL_CTX_load_verify_locations(pointer, roots, nil) == 1,
                  let names = SSL_load_client_CA_file(roots)
            else {
                throw OpenSSLError.drainingQueue(code: .trustRootsFile)
            }
            // Tells clients which CAs we accept, so they pick the right certificate.
            SSL_CTX_set_client_CA_list(pointer, names)
        }
    }

    private func configureApplicationProtocols(wireLength: Int) {
        guard wireLength > 0 else { return }
        switch role {
        case .client:
            _ = SSL_CTX_set_alpn_protos(pointer, alpnWireFormat.baseAddress, UInt32(wireLength))
        case .server:
            let argument = UnsafeMutableRawPointer(mutating: UnsafeRawPointer(alpnWireFormat.baseAddress!))
            SSL_CTX_set_alpn_select_cb(pointer, { _, out, outLength, offered, offeredLength, argument in
                guard let out, let outLength, let offered, let argument else { return SSL_TLSEXT_ERR_NOACK }
                let ours = argument.assumingMemoryBound(to: UInt8.self)
                let theirs = UnsafeBufferPointer(start: offered, count: Int(offeredLength))
                guard let match = OpenSSLContext.selectProtocol(ours: ours, theirs: theirs) else {
                    // RFC 7301: a client that offers ALPN without any protocol we speak is refused.
                    return SSL_TLSEXT_ERR_ALERT_FATAL
                }
                out.pointee = offered + match.offset
                outLength.pointee = match.length
                return SSL_TLSEXT_ERR_OK
            }, argument)
        }
    }

    /// Picks our most preferred protocol that the client offered; returns where it sits in
    /// the client's list so OpenSSL can point into memory it owns.
    static func selectProtocol(
        ours: UnsafePointer<UInt8>, theirs: UnsafeBufferPointer<UInt8>
    ) -> (offset: Int, length: UInt8)? {
        var ourIndex = 0
        while ours[ourIndex] != 0 {
            let ourLength = Int(ours[ourIndex])
            let ourName = UnsafeBufferPointer(start: ours + ourIndex + 1, count: ourLength)
            var theirIndex = 0
            while theirIndex < theirs.count {
                let theirLength = Int(theirs[theirIndex])
                let start = theirIndex + 1
                guard start + theirLength <= theirs.count else { break }
                if theirLength == ourLength, theirs[start..<start + theirLength].elementsEqual(ourName) {
                    return (start, UInt8(theirLength))
                }
                theirIndex = start + theirLength
            }
            ourIndex += 1 + ourLength
        }
        return nil
    }

    private static func requireReadable(_ path: String, code: OpenSSLError.Code) throws {
        guard access(path, R_OK) == 0 else {
            let reason = errno == ENOENT ? "no such file" : "not readable by this user"
            throw OpenSSLError(code: code, detail: "\(path): \(reason)")
        }
    }
}
