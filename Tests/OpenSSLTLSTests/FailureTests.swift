import COpenSSL
import NIOCore
import OpenSSLTLS
import Testing

@Suite("Bad peers")
struct FailureTests {
    @Test("plain HTTP sent to the TLS port fails the handshake with OpenSSL's reason and closes")
    func garbageFailsHandshake() throws {
        let pair = try InMemoryTLSPair()
        try pair.activate()
        try pair.server.writeInbound(ByteBuffer(string: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))

        #expect(pair.serverEvents.errors == [.handshakeFailed])
        #expect(!pair.server.isActive)
        #expect(pair.serverEvents.plaintext.isEmpty)
    }

    @Test("a failed connection leaves nothing on the thread's OpenSSL error queue for the next one")
    func errorQueueDoesNotLeak() throws {
        // Two connections on the same thread: one mid-handshake, one fed garbage.
        let good = try InMemoryTLSPair()
        try good.activate()
        let bad = try InMemoryTLSPair()
        try bad.activate()
        try bad.server.writeInbound(ByteBuffer(bytes: Array(repeating: 0x16, count: 64)))
        #expect(bad.serverEvents.errors == [.handshakeFailed])
        #expect(ERR_peek_error() == 0)

        try good.interact()
        #expect(good.serverEvents.errors.isEmpty)
        #expect(good.serverHandler.connectionInfo?.protocolVersion == "TLSv1.3")
    }

    @Test("the handshake error carries OpenSSL's reason strings")
    func errorCarriesReasons() throws {
        var caught: OpenSSLError?
        let pair = try InMemoryTLSPair()
        try pair.server.pipeline.syncOperations.addHandler(ErrorCatcher { caught = $0 }, position: .after(pair.serverHandler))
        try pair.activate()
        try pair.server.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))

        let error = try #require(caught)
        #expect(error.code == .handshakeFailed)
        #expect(!error.reasons.isEmpty)
        #expect(error.description.contains("handshakeFailed"))
    }
}
