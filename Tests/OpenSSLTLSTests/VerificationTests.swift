import AssistTestSupport
import NIOCore
import OpenSSLTLS
import Testing

@Suite("Certificate verification")
struct VerificationTests {
    @Test("the client refuses a server certificate issued for another host name")
    func hostnameMismatch() throws {
        let pair = try InMemoryTLSPair(serverName: "support.example.org")
        var caught: OpenSSLError?
        try pair.client.pipeline.syncOperations.addHandler(ErrorCatcher { caught = $0 }, position: .after(pair.clientHandler))
        try pair.handshake()

        let error = try #require(caught)
        #expect(error.code == .handshakeFailed)
        #expect(error.isHostnameMismatch)
        #expect(!pair.client.isActive)
    }

    @Test("the client checks an IP address against the certificate's IP SANs")
    func ipAddressVerification() throws {
        let matching = try InMemoryTLSPair(serverName: "127.0.0.1")
        try matching.handshake()
        #expect(matching.clientEvents.errors.isEmpty)
        #expect(matching.clientHandler.connectionInfo?.verifiedPeerSubject == "CN=localhost")

        let other = try InMemoryTLSPair(serverName: "127.0.0.2")
        var caught: OpenSSLError?
        try other.client.pipeline.syncOperations.addHandler(ErrorCatcher { caught = $0 }, position: .after(other.clientHandler))
        try other.handshake()
        #expect(caught?.isHostnameMismatch == true)
    }

    @Test("the client refuses a server whose certificate comes from a CA it does not trust")
    func untrustedServer() throws {
        let pair = try InMemoryTLSPair(server: InMemoryTLSPair.serverConfiguration(certificates: TestCertificates.foreign))
        var caught: OpenSSLError?
        try pair.client.pipeline.syncOperations.addHandler(ErrorCatcher { caught = $0 }, position: .after(pair.clientHandler))
        try pair.handshake()

        let error = try #require(caught)
        #expect(error.isUntrustedCertificate)
        #expect(!error.isHostnameMismatch)
        #expect(error.verifyResultDescription != nil)
    }

    @Test("mTLS required: a client without a certificate is refused")
    func requiredWithoutCertificate() throws {
        let pair = try InMemoryTLSPair(server: InMemoryTLSPair.serverConfiguration(clientAuthentication: .required))
        try pair.handshake()

        #expect(pair.serverEvents.errors == [.handshakeFailed])
        #expect(!pair.server.isActive)
        #expect(pair.serverHandler.connectionInfo == nil)
    }

    @Test("mTLS required: a certificate from another CA is refused")
    func requiredWithForeignCertificate() throws {
        let foreign = TestCertificates.foreign
        let pair = try InMemoryTLSPair(
            server: InMemoryTLSPair.serverConfiguration(clientAuthentication: .required),
            client: InMemoryTLSPair.clientConfiguration(certificate: foreign.agentCertificate, key: foreign.agentKey))
        try pair.handshake()

        #expect(pair.serverEvents.errors == [.handshakeFailed])
        #expect(pair.serverHandler.connectionInfo == nil)
    }

    @Test("mTLS required: a good certificate is accepted and its verified subject is available")
    func requiredWithGoodCertificate() throws {
        let development = TestCertificates.development
        let pair = try InMemoryTLSPair(
            server: InMemoryTLSPair.serverConfiguration(clientAuthentication: .required),
            client: InMemoryTLSPair.clientConfiguration(certificate: development.agentCertificate, key: development.agentKey))
        try pair.handshake()

        #expect(pair.serverEvents.errors.isEmpty)
        #expect(pair.serverHandler.connectionInfo?.verifiedPeerSubject == "CN=agent-1,O=iStom")
    }

    @Test("mTLS optional: no certificate is fine (no subject); a good one yields its subject")
    func optionalClientCertificate() throws {
        let without = try InMemoryTLSPair(server: InMemoryTLSPair.serverConfiguration(clientAuthentication: .optional))
        try without.handshake()
        #expect(without.serverEvents.errors.isEmpty)
        #expect(without.serverHandler.connectionInfo != nil)
        #expect(without.serverHandler.connectionInfo?.verifiedPeerSubject == nil)

        let development = TestCertificates.development
        let with = try InMemoryTLSPair(
            server: InMemoryTLSPair.serverConfiguration(clientAuthentication: .optional),
            client: InMemoryTLSPair.clientConfiguration(certificate: development.customerCertificate, key: development.customerKey))
        try with.handshake()
        #expect(with.serverHandler.connectionInfo?.verifiedPeerSubject == "CN=customer-1,O=Customer LLC")
    }
}
