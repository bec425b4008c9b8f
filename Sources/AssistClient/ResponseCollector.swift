import NIOCore
import NIOHTTP1

/// Gathers one HTTP response from the pipeline and completes a promise with it.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPSResponse>
    private let closedError: any Error
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(promise: EventLoopPromise<HTTPSResponse>, closedError: any Error) {
        self.promise = promise
        self.closedError = closedError
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let headers = head.headers.map { (name: $0.name, value: $0.value) }
            promise.succeed(HTTPSResponse(status: Int(head.status.code), headers: headers, body: body))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A no-op when the response already completed the promise.
        promise.fail(closedError)
        context.fireChannelInactive()
    }
}

@available(*, unavailable)
extension ResponseCollector: Sendable {}
