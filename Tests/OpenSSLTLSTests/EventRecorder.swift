import NIOCore
import NIOTLS
import OpenSSLTLS

/// Sits above the TLS handler and writes down what reaches it, in order, passing all on.
final class EventRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    enum Event: Equatable {
        case active
        case handshakeCompleted(String?)
        case read(String)
        case readComplete
        case inputClosed
        case error(OpenSSLError.Code?)
        case inactive
    }

    private(set) var events: [Event] = []

    var errors: [OpenSSLError.Code?] {
        events.compactMap { if case .error(let code) = $0 { code } else { nil } }
    }

    var plaintext: String {
        events.compactMap { if case .read(let text) = $0 { text } else { nil } }.joined()
    }

    func channelActive(context: ChannelHandlerContext) {
        events.append(.active)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        events.append(.read(String(buffer: unwrapInboundIn(data))))
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        events.append(.readComplete)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let alpn) = event as? TLSUserEvent {
            events.append(.handshakeCompleted(alpn))
        } else if event as? ChannelEvent == .inputClosed {
            events.append(.inputClosed)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Recorded, not passed on: EmbeddedChannel would rethrow it from the next call.
        events.append(.error((error as? OpenSSLError)?.code))
    }

    func channelInactive(context: ChannelHandlerContext) {
        events.append(.inactive)
        context.fireChannelInactive()
    }
}
