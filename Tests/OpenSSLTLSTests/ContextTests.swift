import AssistTestSupport
import OpenSSLTLS
import Testing

@Suite("Context configuration errors")
struct ContextTests {
    let development = TestCertificates.development

    @Test("a missing certificate file is named, with code certificateChainFile")
    func missingCertificate() {
        let error = #expect(throws: OpenSSLError.self) {
            try OpenSSLContext(
                configuration: TLSConfiguration(certificateChainFile: "/nonexistent/server.pem", privateKeyFile: development.serverKey),
                role: .server)
        }
        #expect(error?.code == .certificateChainFile)
        #expect(error?.detail?.contains("/nonexistent/server.pem") == true)
    }

    @Test("a key that belongs to another certificate is refused with keyDoesNotMatchCertificate")
    func mismatchedKey() {
        let error = #expect(throws: OpenSSLError.self) {
            try OpenSSLContext(
                configuration: TLSConfiguration(certificateChainFile: development.serverChain, privateKeyFile: development.agentKey),
                role: .server)
        }
        #expect(error?.code == .keyDoesNotMatchCertificate)
    }

    @Test("a file that is not PEM is refused with OpenSSL's reason")
    func notPEM() {
        let error = #expect(throws: OpenSSLError.self) {
            try OpenSSLContext(
                configuration: TLSConfiguration(certificateChainFile: "/etc/hostname", privateKeyFile: development.serverKey),
                role: .server)
        }
        #expect(error?.code == .certificateChainFile)
        #expect(error?.reasons.isEmpty == false)
    }

    @Test("mTLS without a CA file is a configuration error, not an open door")
    func mutualTLSNeedsCA() {
        let error = #expect(throws: OpenSSLError.self) {
            try OpenSSLContext(
                configuration: TLSConfiguration(
                    certificateChainFile: development.serverChain, privateKeyFile: development.serverKey,
                    clientAuthentication: .required),
                role: .server)
        }
        #expect(error?.code == .trustRootsFile)
    }
}
