import NIOCore
import OpenSSLTLS

/// Hands the first OpenSSL error it sees to a closure.
final class ErrorCatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let onError: (OpenSSLError) -> Void
    private var seen = false

    init(_ onError: @escaping (OpenSSLError) -> Void) { self.onError = onError }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !seen, let error = error as? OpenSSLError {
            seen = true
            onError(error)
        }
        context.fireErrorCaught(error)
    }
}
