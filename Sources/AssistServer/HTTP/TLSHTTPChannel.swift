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

    let limits: RequestLimits

    /// - Parameters:
    ///   - idleTimeout: a connection with no request for this long is closed.
    ///   - limits: how long and how slowly one request may arrive (`HTTPRequestGuard`).
    init(
        responder: @escaping HTTPChannelHandler.Responder, tlsContext: OpenSSLContext, idleTimeout: TimeAmount,
        limits: RequestLimits, logger: Logger
    ) {
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [HTTPRequestGuard(limits: limits, logger: logger)], idleTimeout: idleTimeout)
        self.http = HTTP1Channel(responder: responder, configuration: configuration)
        self.tlsContext = tlsContext
        self.limits = limits
    }

    var responder: HTTPChannelHandler.Responder { http.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture { () throws -> NegotiatedTLS in
            // First, on raw bytes: the head deadline covers a trickled handshake too.
            try channel.pipeline.syncOperations.addHandler(RequestHeadDeadlineHandler(timeout: limits.headTimeout))
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
