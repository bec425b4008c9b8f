import NIOCore
import OpenSSLTLS
import Testing

@Suite("Writing application data")
struct WriteTests {
    @Test("small writes flushed together leave as one TLS record")
    func coalescesSmallWrites() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()

        pair.server.write(ByteBuffer(string: "HTTP/1.1 200 OK\r\n"), promise: nil)
        pair.server.write(ByteBuffer(string: "content-length: 2\r\n\r\n"), promise: nil)
        let last = pair.server.writeAndFlush(ByteBuffer(string: "{}"))
        let sent = try pair.interact()

        try last.wait()
        #expect(sent.flatMap(TLSRecords.contentTypes(of:)) == [TLSRecords.applicationData])
        #expect(pair.clientEvents.plaintext == "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
    }

    @Test("writes flushed one by one leave as separate records (the record count above can fail)")
    func separateFlushesMakeSeparateRecords() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()

        for part in ["a", "b", "c"] {
            pair.server.writeAndFlush(ByteBuffer(string: part), promise: nil)
        }
        let sent = try pair.interact()

        #expect(sent.flatMap(TLSRecords.contentTypes(of:)) == Array(repeating: TLSRecords.applicationData, count: 3))
        #expect(pair.clientEvents.plaintext == "abc")
    }

    @Test("a zero-length write succeeds and sends nothing")
    func zeroLengthWrite() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()

        let empty = pair.server.writeAndFlush(ByteBuffer())
        let sent = try pair.interact()

        try empty.wait()
        #expect(sent.flatMap(TLSRecords.contentTypes(of:)).isEmpty)
        #expect(pair.clientEvents.plaintext.isEmpty)
    }

    @Test("1 MiB written at once arrives intact, split into 16 KiB records")
    func largeWriteArrivesIntact() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()
        let text = String((0..<(1 << 20)).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })

        let written = pair.server.writeAndFlush(ByteBuffer(string: text))
        let sent = try pair.interact()

        try written.wait()
        #expect(sent.flatMap(TLSRecords.contentTypes(of:)).count >= 64)
        #expect(pair.clientEvents.plaintext == text)
    }

    @Test("a write after our close fails instead of vanishing")
    func writeAfterCloseFails() throws {
        let pair = try InMemoryTLSPair()
        try pair.handshake()
        try pair.server.close().wait()

        #expect(throws: (any Error).self) {
            try pair.server.writeAndFlush(ByteBuffer(string: "late")).wait()
        }
    }
}
