import NIOCore
import NIOPosix
import OpenSSLTLS

/// A client connection to a mail server (the SMTP relay, the IMAP mailbox): TLS from the first
/// byte when `implicitTLS` is given, else plain until the protocol's STARTTLS adds it.
enum MailConnection {
    static func open(
        host: String, port: Int, implicitTLS: OpenSSLContext?, group: any EventLoopGroup
    ) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(OpenSSLHandler(context: implicitTLS, serverName: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}
