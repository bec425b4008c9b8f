import NIOCore
import OpenSSLTLS
import Testing

@Suite("Closing")
struct CloseTests {
    @Test("a received close_notify becomes inputClosed when half-closure is allowed, with no error")
    func closeNotifyBecomesInputClosed() throws {
        let pair = try InMemoryTLSPair()
        try pair.server.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).wait()
        try pair.handshake()

        pair.client.close(promise: nil)
        try pair.interact()

        #expect(pair.serverEvents.events.suffix(1) == [.inputClosed])
        #expect(pair.serverEvents.errors.isEmpty)
        #expect(pair.server.isActive, "the server may still answer on its half")
    }

    @Test("a received close_notify without half-closure is answered with ours and the channel closes cleanly")
    func closeNotifyClosesWithoutHalfClosure() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()

        pair.client.close(promise: nil)
        let sent = try pair.interact()

        #expect(!pair.server.isActive)
        #expect(pair.serverEvents.errors.isEmpty)
        // Our close_notify: in TLS 1.3 an alert travels encrypted, as an application_data record.
        #expect(sent.flatMap(TLSRecords.contentTypes(of:)) == [TLSRecords.applicationData])
    }

    @Test("close(mode: .output) sends pending data, then close_notify; the peer sees the data, then inputClosed")
    func closeOutputSendsCloseNotify() throws {
        let pair = try InMemoryTLSPair()
        try pair.client.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).wait()
        try pair.handshake()

        pair.server.writeAndFlush(ByteBuffer(string: "bye"), promise: nil)
        pair.server.close(mode: .output, promise: nil)
        let sent = try pair.interact()

        // "bye", then close_notify (TLS 1.3 encrypts alerts as application_data records).
        #expect(sent.flatMap(TLSRecords.contentTypes(of:)) == [TLSRecords.applicationData, TLSRecords.applicationData])
        #expect(pair.clientEvents.events.suffix(3) == [.read("bye"), .readComplete, .inputClosed])
        #expect(pair.clientEvents.errors.isEmpty)
    }

    @Test("bytes arriving after close_notify are dropped: no plaintext, no error")
    func dataAfterCloseNotifyIsDropped() throws {
        let pair = try InMemoryTLSPair()
        try pair.server.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).wait()
        try pair.handshake()
        pair.client.close(promise: nil)
        try pair.interact()
        let before = pair.serverEvents.events

        try pair.server.writeInbound(ByteBuffer(bytes: [23, 3, 3, 0, 5, 1, 2, 3, 4, 5] + Array(repeating: 0x41, count: 100)))

        #expect(pair.serverEvents.events == before)
    }

    @Test("TCP EOF during the handshake is an error, eofDuringHandshake, and closes the channel")
    func eofDuringHandshake() throws {
        let pair = try InMemoryTLSPair()
        try pair.activate()
        // The ClientHello reaches the server, then the client's TCP half closes.
        if let hello = try pair.client.readOutbound(as: ByteBuffer.self) { try pair.server.writeInbound(hello) }
        pair.server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)

        #expect(pair.serverEvents.errors == [.eofDuringHandshake])
        #expect(!pair.server.isActive)
    }

    @Test("the connection dropping during the handshake reports eofDuringHandshake")
    func inactiveDuringHandshake() throws {
        let pair = try InMemoryTLSPair()
        try pair.activate()
        pair.server.pipeline.fireChannelInactive()

        #expect(pair.serverEvents.events == [.active, .error(.eofDuringHandshake), .inactive])
    }

    @Test("TCP EOF after the handshake without close_notify is a ragged EOF: uncleanShutdown, then inputClosed")
    func raggedEOF() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()
        pair.server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)

        #expect(pair.serverEvents.events.suffix(2) == [.error(.uncleanShutdown), .inputClosed])
    }

    @Test("input shut down by us (graceful shutdown) is not reported as a ragged EOF")
    func ownInputShutdownIsNotAnError() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()
        pair.server.close(mode: .input, promise: nil)
        // EmbeddedChannel closes fully on any close; the EOF a socket would report follows.
        pair.server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)

        #expect(!pair.serverEvents.errors.contains(.uncleanShutdown))
    }
}
