import NIOCore
import NIOPosix

/// A bare TCP client for misbehaving on purpose: stalls, garbage, half requests.
final class RawTCP: Sendable {
    let channel: any Channel
    private let received: EventLoopPromise<ByteBuffer>

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let promise: EventLoopPromise<ByteBuffer>
        var bytes = ByteBuffer()
        init(promise: EventLoopPromise<ByteBuffer>) { self.promise = promise }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            bytes.writeBuffer(&buffer)
        }
        func channelInactive(context: ChannelHandlerContext) { promise.succeed(bytes) }
        func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
    }

    private init(channel: any Channel, received: EventLoopPromise<ByteBuffer>) {
        self.channel = channel
        self.received = received
    }

    static func connect(port: Int) async throws -> RawTCP {
        let group = MultiThreadedEventLoopGroup.singleton
        let received = group.next().makePromise(of: ByteBuffer.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(promise: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawTCP(channel: channel, received: received)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Waits up to `seconds` for the server to close; returns what it sent, or nil if it kept the connection open.
    func bytesUntilClosed(seconds: Int64) async -> ByteBuffer? {
        return try? await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await self.received.futureResult.get() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    func close() async {
        try? await channel.close()
    }
}
