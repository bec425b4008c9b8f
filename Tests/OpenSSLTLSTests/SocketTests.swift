import AssistTestSupport
import NIOCore
import NIOPosix
import OpenSSLTLS
import Testing

@Suite("Real sockets")
struct SocketTests {
    /// Asks for exactly one read when active, like an async consumer waiting for its first
    /// message, and reports the first plaintext it gets.
    final class SingleReadConsumer: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let received: EventLoopPromise<String>

        init(received: EventLoopPromise<String>) { self.received = received }

        func channelActive(context: ChannelHandlerContext) {
            context.read()
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received.succeed(String(buffer: unwrapInboundIn(data)))
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            received.fail(error)
        }
    }

    @Test("with autoRead off, one read by the consumer is enough: the handler reads on through the handshake")
    func autoReadOff() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let development = TestCertificates.development
        let serverContext = try OpenSSLContext(
            configuration: TLSConfiguration(certificateChainFile: development.serverChain, privateKeyFile: development.serverKey),
            role: .server)
        let clientContext = try OpenSSLContext(
            configuration: TLSConfiguration(trustRootsFile: development.caCertificate), role: .client)
        let received = group.next().makePromise(of: String.self)

        let server = try await ServerBootstrap(group: group)
            .childChannelOption(ChannelOptions.autoRead, value: false)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: serverContext))
                    try channel.pipeline.syncOperations.addHandler(SingleReadConsumer(received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)

        let client = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: clientContext, serverName: "localhost"))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await client.writeAndFlush(ByteBuffer(string: "ping")).get()

        let timeout = group.next().scheduleTask(in: .seconds(10)) { received.fail(ChannelError.connectTimeout(.seconds(10))) }
        let text = try await received.futureResult.get()
        timeout.cancel()
        #expect(text == "ping")

        try await client.close()
        try await server.close()
    }
}
