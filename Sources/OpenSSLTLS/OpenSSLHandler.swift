import OpenSSLCrypto
import NIOCore
import NIOTLS

/// TLS for a SwiftNIO channel, over the system OpenSSL; put it first in the pipeline.
///
/// Ciphertext comes in and goes out below this handler, plaintext above it. Behaviour that
/// the handlers above can count on (modelled on swift-nio-ssl's `NIOSSLHandler`):
/// - `channelActive` passes up at once; `TLSUserEvent.handshakeCompleted` fires when the
///   handshake is done, before the first plaintext byte.
/// - Writes made before the handshake is done wait and go out after it, in order.
/// - Small flushed writes are coalesced before `SSL_write`, so a response that fits leaves
///   as one TLS record.
/// - With `autoRead` off, a read that produced no plaintext (handshake bytes, a partial
///   record) asks for the next read itself, or the channel would stall.
/// - A received close_notify becomes `ChannelEvent.inputClosed` when the channel allows
///   half-closure, otherwise we answer with ours and close.
/// - `close(mode: .output)` sends close_notify, then half-closes TCP; `close(mode: .all)`
///   sends close_notify, waits for it to be written (bounded by `closeTimeout`), then closes.
/// - TCP EOF is never fed to OpenSSL: during the handshake it is an error
///   (`eofDuringHandshake`), afterwards a ragged EOF (`uncleanShutdown`).
/// - Bytes after close_notify or after we closed are dropped, never decoded.
public final class OpenSSLHandler: ChannelInboundHandler, ChannelOutboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private enum State {
        case idle
        case handshaking
        case active
        /// The peer sent close_notify or half-closed TCP; we may still write.
        case inputClosed
        /// We sent close_notify and half-closed TCP; we may still read.
        case outputClosed
        /// We sent close_notify and close the channel once it is written.
        case closing
        case closed
    }

    private struct PendingWrite {
        var data: ByteBuffer
        var promise: EventLoopPromise<Void>?
    }

    /// Set when the handshake completes; shareable with request handlers.
    public let negotiated = NegotiatedTLS()
    /// How long a close waits for our close_notify to reach the socket.
    public var closeTimeout: TimeAmount = .seconds(5)

    private let tlsContext: OpenSSLContext
    private let serverName: String?
    private var connection: OpenSSLConnection?
    private var state = State.idle
    private var pendingWrites = MarkedCircularBuffer<PendingWrite>(initialCapacity: 8)
    private var closeOutputAfterHandshake: (requested: Bool, promise: EventLoopPromise<Void>?) = (false, nil)
    private var closePromise: EventLoopPromise<Void>?
    private var deliveredPlaintextSinceReadComplete = false
    /// We asked the socket to stop reading (graceful shutdown); its EOF is then expected.
    private var inputShutdownRequested = false

    /// A server-side handler.
    public init(context: OpenSSLContext) {
        precondition(context.role == .server, "use init(context:serverName:) for a client")
        self.tlsContext = context
        self.serverName = nil
    }

    /// A client-side handler that verifies the server against `serverName`
    /// (a host name, also sent as SNI, or an IP address).
    public init(context: OpenSSLContext, serverName: String?) {
        precondition(context.role == .client, "use init(context:) for a server")
        self.tlsContext = context
        self.serverName = serverName
    }

    /// The parameters of the finished handshake; nil before. Event loop only.
    public var connectionInfo: TLSConnectionInfo? { negotiated.info }

    // MARK: - Lifecycle

    public func handlerAdded(context: ChannelHandlerContext) {
        do {
            connection = try OpenSSLConnection(context: tlsContext, serverName: serverName)
        } catch {
            state = .closed
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        if context.channel.isActive {
            startHandshake(context: context)
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        failPendingWrites(ChannelError.ioOnClosedChannel)
        connection = nil
    }

    public func channelActive(context: ChannelHandlerContext) {
        // Passed up first: if the handshake fails at once, the handlers above must have seen
        // the channel go active before they see it go inactive.
        context.fireChannelActive()
        startHandshake(context: context)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        let previous = state
        state = .closed
        switch previous {
        case .handshaking:
            context.fireErrorCaught(OpenSSLError(code: .eofDuringHandshake))
        case .active, .outputClosed:
            if !inputShutdownRequested {
                context.fireErrorCaught(OpenSSLError(code: .uncleanShutdown))
            }
        case .idle, .inputClosed, .closing, .closed:
            break
        }
        failPendingWrites(ChannelError.ioOnClosedChannel)
        failCloseOutputAfterHandshake(ChannelError.ioOnClosedChannel)
        if let promise = closePromise {
            closePromise = nil
            promise.succeed(())
        }
        context.fireChannelInactive()
    }

    // MARK: - Inbound

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        switch state {
        case .idle:
            startHandshake(context: context)
            receive(bytes, context: context)
        case .handshaking, .active, .outputClosed:
            receive(bytes, context: context)
        case .inputClosed, .closing, .closed:
            // After close_notify (or our close) nothing more is plaintext.
            break
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        if deliveredPlaintextSinceReadComplete {
            deliveredPlaintextSinceReadComplete = false
            context.fireChannelReadComplete()
            return
        }
        // Nothing reached the handlers above, so none of them will ask for another read:
        // with autoRead off the connection would hang mid-handshake or mid-record.
        switch state {
        case .idle, .handshaking, .active, .outputClosed:
            let autoRead = (try? context.channel.syncOptions?.getOption(ChannelOptions.autoRead)) ?? true
            if !autoRead {
                context.read()
            }
        case .inputClosed, .closing, .closed:
            break
        }
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let channelEvent = event as? ChannelEvent, channelEvent == .inputClosed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        // TCP EOF (or our own input shutdown).
        switch state {
        case .idle, .handshaking:
            fail(OpenSSLError(code: .eofDuringHandshake), context: context)
        case .active:
            if !inputShutdownRequested {
                context.fireErrorCaught(OpenSSLError(code: .uncleanShutdown))
            }
            state = .inputClosed
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        case .outputClosed:
            if !inputShutdownRequested {
                context.fireErrorCaught(OpenSSLError(code: .uncleanShutdown))
            }
            closeAll(context: context, promise: nil)
        case .inputClosed, .closing, .closed:
            break
        }
    }

    // MARK: - Outbound

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .closed:
            promise?.fail(ChannelError.ioOnClosedChannel)
        case .outputClosed, .closing:
            promise?.fail(ChannelError.outputClosed)
        case .idle, .handshaking, .active, .inputClosed:
            pendingWrites.append(PendingWrite(data: unwrapOutboundIn(data), promise: promise))
        }
    }

    public func flush(context: ChannelHandlerContext) {
        pendingWrites.mark()
        switch state {
        case .active, .inputClosed:
            encryptFlushedWrites(context: context)
        case .idle, .handshaking:
            break  // sent when the handshake completes
        case .outputClosed, .closing, .closed:
            failPendingWrites(ChannelError.outputClosed)
        }
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        switch mode {
        case .all:
            closeAll(context: context, promise: promise)
        case .output:
            closeOutput(context: context, promise: promise)
        case .input:
            // Graceful shutdown stops reading; the socket then reports inputClosed, which is
            // expected rather than a ragged EOF.
            inputShutdownRequested = true
            context.close(mode: .input, promise: promise)
        }
    }

    // MARK: - Handshake and decoding

    private func startHandshake(context: ChannelHandlerContext) {
        guard case .idle = state, connection != nil else { return }
        state = .handshaking
        handshakeStep(context: context)
    }

    private func receive(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        guard let connection else { return }
        connection.feed(bytes)
        if case .handshaking = state {
            handshakeStep(context: context)
        } else {
            decode(context: context)
        }
    }

    private func handshakeStep(context: ChannelHandlerContext) {
        guard let connection else { return }
        switch connection.handshake() {
        case .incomplete:
            sendNetworkOutput(context: context)
        case .failed(let error):
            // OpenSSL may have queued an alert telling the peer why; send it before closing.
            sendNetworkOutput(context: context)
            fail(error, context: context)
        case .complete:
            state = .active
            let info = connection.negotiatedInfo()
            negotiated.set(info)
            sendNetworkOutput(context: context)
            context.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: info.applicationProtocol))
            // The peer may have sent application data right behind its Finished message.
            decode(context: context)
            encryptFlushedWrites(context: context)
            if closeOutputAfterHandshake.requested {
                let promise = closeOutputAfterHandshake.promise
                closeOutputAfterHandshake = (false, nil)
                closeOutput(context: context, promise: promise)
            }
        }
    }

    private func decode(context: ChannelHandlerContext) {
        guard let connection else { return }
        var plaintext = context.channel.allocator.buffer(capacity: 0)
        let result = connection.read(into: &plaintext)
        sendNetworkOutput(context: context)
        if plaintext.readableBytes > 0 {
            deliveredPlaintextSinceReadComplete = true
            context.fireChannelRead(wrapInboundOut(plaintext))
        }
        switch result {
        case .incomplete:
            break
        case .failed(let error):
            fail(error, context: context)
        case .closeNotify:
            peerSentCloseNotify(context: context)
        }
    }

    private func peerSentCloseNotify(context: ChannelHandlerContext) {
        let halfClosureAllowed = (try? context.channel.syncOptions?.getOption(ChannelOptions.allowRemoteHalfClosure)) ?? false
        if deliveredPlaintextSinceReadComplete {
            deliveredPlaintextSinceReadComplete = false
            context.fireChannelReadComplete()
        }
        switch state {
        case .active where halfClosureAllowed:
            state = .inputClosed
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        case .active, .outputClosed:
            closeAll(context: context, promise: nil)
        case .idle, .handshaking, .inputClosed, .closing, .closed:
            break
        }
    }

    // MARK: - Encrypting

    /// Encrypts every flushed write, coalescing small ones into shared records, and sends
    /// the ciphertext in one network write whose promise completes all of theirs.
    private func encryptFlushedWrites(context: ChannelHandlerContext) {
        guard let connection, pendingWrites.hasMark else { return }
        var promises: [EventLoopPromise<Void>] = []
        var batch: ByteBuffer?
        var failure: OpenSSLError?

        func encrypt(_ bytes: ByteBuffer) {
            if failure == nil { failure = connection.write(bytes) }
        }

        // `batch` starts as the caller's own buffer (no copy for a lone write); only when a
        // second write joins it is it copied into a buffer of our own.
        var batchIsOurs = false
        while pendingWrites.hasMark, let write = pendingWrites.popFirst() {
            if let promise = write.promise { promises.append(promise) }
            let size = write.data.readableBytes
            // Zero-length writes only carry a promise: SSL_write cannot take them.
            guard size > 0 else { continue }
            if var current = batch, current.readableBytes + size <= OpenSSLConnection.maximumRecordPlaintext {
                if !batchIsOurs {
                    var ours = context.channel.allocator.buffer(
                        capacity: min(2 * (current.readableBytes + size), OpenSSLConnection.maximumRecordPlaintext))
                    ours.writeBuffer(&current)
                    current = ours
                    batchIsOurs = true
                }
                current.writeImmutableBuffer(write.data)
                batch = current
                continue
            }
            if let current = batch { encrypt(current) }
            batch = write.data
            batchIsOurs = false
        }
        if let current = batch { encrypt(current) }

        if let failure {
            promises.forEach { $0.fail(failure) }
            fail(failure, context: context)
            return
        }
        let combined: EventLoopPromise<Void>? = promises.isEmpty ? nil : context.eventLoop.makePromise()
        if let combined {
            let waiting = promises
            combined.futureResult.whenComplete { result in
                switch result {
                case .success: waiting.forEach { $0.succeed(()) }
                case .failure(let error): waiting.forEach { $0.fail(error) }
                }
            }
        }
        sendNetworkOutput(context: context, promise: combined)
    }

    /// Writes out whatever OpenSSL produced. With a promise and nothing to send, an empty
    /// write keeps the promise in order behind earlier writes.
    private func sendNetworkOutput(context: ChannelHandlerContext, promise: EventLoopPromise<Void>? = nil) {
        if let output = connection?.takeNetworkOutput(allocator: context.channel.allocator) {
            context.writeAndFlush(wrapOutboundOut(output), promise: promise)
        } else if let promise {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: promise)
        }
    }

    // MARK: - Closing

    private func closeOutput(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        switch state {
        case .idle, .closed:
            context.close(mode: .output, promise: promise)
        case .handshaking:
            closeOutputAfterHandshake = (true, promise)
        case .active:
            encryptFlushedWrites(context: context)
            guard case .active = state else {
                promise?.fail(ChannelError.ioOnClosedChannel)
                return
            }
            state = .outputClosed
            failPendingWrites(ChannelError.outputClosed)
            connection?.shutdown()
            sendNetworkOutput(context: context)
            context.close(mode: .output, promise: promise)
        case .inputClosed:
            closeAll(context: context, promise: promise)
        case .outputClosed:
            promise?.succeed(())
        case .closing:
            cascadeToClose(promise)
        }
    }

    private func closeAll(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        switch state {
        case .idle, .handshaking:
            // Nothing was agreed, so there is nothing to close politely.
            state = .closed
            failPendingWrites(ChannelError.ioOnClosedChannel)
            context.close(promise: promise)
        case .active, .inputClosed, .outputClosed:
            let alreadySentCloseNotify: Bool
            if case .outputClosed = state { alreadySentCloseNotify = true } else { alreadySentCloseNotify = false }
            state = .closing
            closePromise = promise
            failPendingWrites(ChannelError.ioOnClosedChannel)
            failCloseOutputAfterHandshake(ChannelError.ioOnClosedChannel)
            let written = context.eventLoop.makePromise(of: Void.self)
            if !alreadySentCloseNotify {
                connection?.shutdown()
            }
            sendNetworkOutput(context: context, promise: written)
            let timeout = context.eventLoop.assumeIsolated().scheduleTask(in: closeTimeout) {
                self.finishClose(context: context)
            }
            written.futureResult.assumeIsolated().whenComplete { _ in
                timeout.cancel()
                self.finishClose(context: context)
            }
        case .closing:
            cascadeToClose(promise)
        case .closed:
            context.close(promise: promise)
        }
    }

    private func finishClose(context: ChannelHandlerContext) {
        guard case .closing = state else { return }
        state = .closed
        let promise = closePromise
        closePromise = nil
        context.close(promise: promise)
    }

    private func cascadeToClose(_ promise: EventLoopPromise<Void>?) {
        guard let promise else { return }
        if let existing = closePromise {
            existing.futureResult.cascade(to: promise)
        } else {
            closePromise = promise
        }
    }

    /// A fatal TLS error: tell the handlers above, then drop the connection.
    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard !isClosed else { return }
        state = .closed
        failPendingWrites(error)
        failCloseOutputAfterHandshake(error)
        context.fireErrorCaught(error)
        let promise = closePromise
        closePromise = nil
        context.close(promise: promise)
    }

    private var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    private func failPendingWrites(_ error: any Error) {
        while let write = pendingWrites.popFirst() {
            write.promise?.fail(error)
        }
    }

    private func failCloseOutputAfterHandshake(_ error: any Error) {
        let promise = closeOutputAfterHandshake.promise
        closeOutputAfterHandshake = (false, nil)
        promise?.fail(error)
    }
}

@available(*, unavailable)
extension OpenSSLHandler: Sendable {}
