import AssistTestSupport
import NIOCore
import NIOEmbedded
import OpenSSLTLS

/// A server and a client TLS handler on two EmbeddedChannels, wired back to back in memory.
///
/// Deterministic: bytes move only when `interact()` moves them, so each test can stop the
/// conversation exactly where the case it checks happens.
final class InMemoryTLSPair {
    let server = EmbeddedChannel()
    let client = EmbeddedChannel()
    let serverEvents = EventRecorder()
    let clientEvents = EventRecorder()
    let serverHandler: OpenSSLHandler
    let clientHandler: OpenSSLHandler

    init(
        server serverConfiguration: TLSConfiguration = InMemoryTLSPair.serverConfiguration(),
        client clientConfiguration: TLSConfiguration = InMemoryTLSPair.clientConfiguration(),
        serverName: String = "localhost"
    ) throws {
        serverHandler = OpenSSLHandler(context: try OpenSSLContext(configuration: serverConfiguration, role: .server))
        clientHandler = OpenSSLHandler(
            context: try OpenSSLContext(configuration: clientConfiguration, role: .client), serverName: serverName)
        try server.pipeline.syncOperations.addHandler(serverHandler)
        try server.pipeline.syncOperations.addHandler(serverEvents)
        try client.pipeline.syncOperations.addHandler(clientHandler)
        try client.pipeline.syncOperations.addHandler(clientEvents)
    }

    static func serverConfiguration(
        clientAuthentication: ClientAuthentication = .none,
        certificates: TestCertificates.Set = TestCertificates.development
    ) -> TLSConfiguration {
        TLSConfiguration(
            certificateChainFile: certificates.serverChain,
            privateKeyFile: certificates.serverKey,
            trustRootsFile: clientAuthentication == .none ? nil : TestCertificates.development.caCertificate,
            clientAuthentication: clientAuthentication
        )
    }

    static func clientConfiguration(
        trusting roots: String = TestCertificates.development.caCertificate,
        certificate: String? = nil, key: String? = nil
    ) -> TLSConfiguration {
        TLSConfiguration(certificateChainFile: certificate, privateKeyFile: key, trustRootsFile: roots)
    }

    func activate() throws {
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: 443)
        try server.connect(to: address).wait()
        try client.connect(to: address).wait()
    }

    /// Moves bytes both ways until neither side has anything more to send.
    /// Returns every ciphertext buffer the server sent, for record-level checks.
    @discardableResult
    func interact() throws -> [ByteBuffer] {
        var fromServer: [ByteBuffer] = []
        var moved = true
        while moved {
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                if server.isActive { try server.writeInbound(bytes) }
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                fromServer.append(bytes)
                if client.isActive { try client.writeInbound(bytes) }
            }
        }
        return fromServer
    }

    func handshake() throws {
        try activate()
        try interact()
    }
}
