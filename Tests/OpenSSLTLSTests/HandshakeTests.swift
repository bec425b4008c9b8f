import NIOCore
import OpenSSLTLS
import Testing

@Suite("TLS handshake")
struct HandshakeTests {
    @Test("TLS 1.3 with ALPN http/1.1; channelActive comes before handshakeCompleted on both sides")
    func negotiatesTLS13InOrder() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()

        #expect(pair.serverEvents.events == [.active, .handshakeCompleted("http/1.1")])
        #expect(pair.clientEvents.events == [.active, .handshakeCompleted("http/1.1")])
        let info = try #require(pair.serverHandler.connectionInfo)
        #expect(info.protocolVersion == "TLSv1.3")
        #expect(["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"].contains(info.cipherSuite))
        #expect(info.applicationProtocol == "http/1.1")
        #expect(info.verifiedPeerSubject == nil)
        #expect(pair.clientHandler.negotiated.info == pair.clientHandler.connectionInfo)
    }

    @Test("writes made before the handshake wait for it, then arrive in order after handshakeCompleted")
    func writesQueuedBeforeHandshake() throws {
        let pair = try InMemoryTLSPair()
        try pair.activate()
        let first = pair.client.write(ByteBuffer(string: "first "))
        let second = pair.client.writeAndFlush(ByteBuffer(string: "second"))
        #expect(pair.serverEvents.plaintext.isEmpty)

        try pair.interact()

        try first.wait()
        try second.wait()
        #expect(pair.serverEvents.events == [.active, .handshakeCompleted("http/1.1"), .read("first second"), .readComplete])
    }

    @Test("a client offering only protocols we do not speak is refused (RFC 7301)")
    func refusesUnknownApplicationProtocol() throws {
        var client = InMemoryTLSPair.clientConfiguration()
        client.applicationProtocols = ["h2"]
        let pair = try InMemoryTLSPair(client: client)
        try pair.handshake()

        #expect(pair.serverEvents.errors == [.handshakeFailed])
        #expect(pair.clientEvents.errors == [.handshakeFailed])
        #expect(!pair.server.isActive)
    }

    @Test("a client without ALPN is served (wrk, openssl s_client send none)")
    func servesClientWithoutALPN() throws {
        var client = InMemoryTLSPair.clientConfiguration()
        client.applicationProtocols = []
        let pair = try InMemoryTLSPair(client: client)
        try pair.handshake()

        #expect(pair.serverEvents.events == [.active, .handshakeCompleted(nil)])
    }
}
