import NIOCore

/// Lines out and lines (or counted bytes) in over one mail connection — the SMTP relay's or the
/// IMAP mailbox's. Every read has a time limit: a server that stops answering has its
/// connection closed, and the read ends. Each protocol words the failures its own way.
struct MailLines {
    enum Failure: Error {
        /// The write failed and the connection said why (e.g. a certificate that did not verify).
        case broken(any Error)
        /// The write failed and the connection said nothing more.
        case writeFailed(any Error)
        case readFailed(any Error)
        /// Closed by the peer, or by us when it did not answer in time.
        case closed
        case overlong
    }

    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel
    let timeout: TimeAmount
    let maximumLineBytes: Int
    /// Read but not yet taken.
    private(set) var pending = ByteBuffer()

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel, timeout: TimeAmount, maximumLineBytes: Int
    ) {
        self.inbound = inbound
        self.outbound = outbound
        self.channel = channel
        self.timeout = timeout
        self.maximumLineBytes = maximumLineBytes
    }

    var timeoutSeconds: Int64 { timeout.nanoseconds / 1_000_000_000 }

    mutating func send(_ line: String) async throws(Failure) {
        do {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
        } catch {
            // The connection broke under the write (say, the server's certificate failed the
            // TLS handshake): the reason it broke is what the inbound side ends with.
            do {
                _ = try await inbound.next()
            } catch let reason {
                throw .broken(reason)
            }
            throw .writeFailed(error)
        }
    }

    /// The next line without its line end (cut at the byte level: in a Swift string "\r\n" is
    /// one character).
    mutating func readLine() async throws(Failure) -> String {
        while true {
            if let end = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = pending.readBytes(length: end - pending.readerIndex + 1) ?? []
                bytes.removeLast()
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            }
            guard pending.readableBytes < maximumLineBytes else { throw .overlong }
            try await readMore()
        }
    }

    mutating func readBytes(_ count: Int) async throws(Failure) -> [UInt8] {
        while pending.readableBytes < count { try await readMore() }
        return pending.readBytes(length: count) ?? []
    }

    private mutating func readMore() async throws(Failure) {
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { [channel] in channel.close(promise: nil) }
        defer { deadline.cancel() }
        let chunk: ByteBuffer?
        do {
            chunk = try await inbound.next()
        } catch {
            throw .readFailed(error)
        }
        guard var chunk else { throw .closed }
        pending.writeBuffer(&chunk)
    }
}
