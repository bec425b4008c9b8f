import HummingbirdCore
import Logging
import NIOCore
import OpenSSLTLS

/// Hummingbird's HTTP/1.1 child channel behind our OpenSSL handler.
///
/// The TLS handler goes first in each connection's pipeline, then Hummingbird's HTTP/1
/// handlers. The connection's `NegotiatedTLS` is bound as a task local around the HTTP
/// loop, so every request handler of that connection can see the negotiated protocol and
/// the verified client certificate subject.
struct TLSHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = TLSHTTPConnection

    let http: HTTP1Channel
    let tlsContext: OpenSSLContext

    init(responder: @escaping HTTPChannelHandler.Responder, tlsContext: OpenSSLContext, configuration: HTTP1Channel.Configuration) {
        self.http = HTTP1Channel(responder: responder, configuration: configuration)
        self.tlsContext = tlsContext
    }

    var responder: HTTPChannelHandler.Responder { http.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture { () throws -> NegotiatedTLS in
            let handler = OpenSSLHandler(context: tlsContext)
            try channel.pipeline.syncOperations.addHandler(handler)
            return handler.negotiated
        }.flatMap { negotiated in
            http.setup(channel: channel, logger: logger).map { TLSHTTPConnection(http: $0, tls: negotiated) }
        }
    }

    func handle(value: Value, logger: Logger) async {
        await ConnectionTLS.$current.withValue(value.tls) {
            await http.handle(value: value.http, logger: logger)
        }
    }
}
