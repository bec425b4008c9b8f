import NIOCore

/// Starts a request's head deadline at its first raw byte, before TLS and HTTP decoding, so
/// a client that trickles the handshake or the head a byte at a time is cut off after
/// `RequestLimits.headTimeout` instead of holding the connection for ever. The first request's
/// deadline starts when the connection does: a client that connects and sends nothing (or whose
/// bytes the server has not read yet) holds a connection slot no longer than that either.
///
/// First in the pipeline. It only sees bytes; `HTTPRequestGuard` tells it (outbound events)
/// when a head arrived and when the connection waits for the next request, and answers the
/// client when it reports that the deadline passed.
final class RequestHeadDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var waitingForHead = true
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        arm(context)
        context.fireChannelRead(data)
    }

    /// Starts the deadline, unless it runs already or no head is awaited.
    private func arm(_ context: ChannelHandlerContext) {
        guard waitingForHead, deadline == nil else { return }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            loopBound.value.fireUserInboundEventTriggered(RequestProgress.headDeadlinePassed)
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .headReceived:
            waitingForHead = false
            cancelDeadline()
        case .awaitingRequest:
            waitingForHead = true
        case .headDeadlinePassed:
            break
        }
        promise?.succeed(())
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }


    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
