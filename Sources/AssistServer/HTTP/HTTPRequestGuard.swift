import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Refuses, before any route runs, what HTTP itself gets wrong, and bounds how long a request
/// may take to arrive. Sits right after the HTTP codec, on request and response parts.
///
/// - A head over the size limits gets `431 headers_too_large`; another unparseable request
///   `400 bad_request`; a request without `Host` `400 missing_host` (RFC 9112 §3.2).
/// - `Expect: 100-continue` gets its `100 Continue` (or `413 body_too_large` at once when the
///   announced body is over the limit, before the client sends it); any other expectation
///   `417 expectation_failed`.
/// - A head that is not complete `RequestLimits.headTimeout` after its first byte gets
///   `408 request_timeout` (`RequestHeadDeadlineHandler` counts); a body that arrives slower
///   than the minimum rate has its connection closed (its route owns the answer by then).
///
/// Each refusal is problem+json with the security headers and `Connection: close`; the
/// connection closes once it is written, and nothing the client sends after it is read.
final class HTTPRequestGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: RequestLimits
    private let logger: Logger
    /// The request whose body is arriving: when its head came and how many body bytes since.
    private var receiving: (since: NIODeadline, bytes: Int)?
    private var bodyCheck: Scheduled<Void>?
    /// Heads passed on whose answers are not written yet (more than one when pipelined).
    private var unanswered = 0
    /// Set once a refusal is written: everything else the client sends is dropped.
    private var refused = false

    init(limits: RequestLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            context.triggerUserOutboundEvent(RequestProgress.headReceived, promise: nil)
            if let problem = refusal(of: head) {
                refuse(problem, context: context)
                return
            }
            if head.headerFields[.expect] != nil {
                // Only 100-continue gets here: the client waits for this before the body.
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
            }
            unanswered += 1
            receiving = (NIODeadline.now(), 0)
            scheduleBodyCheck(context: context, at: bodyDeadline())
        case .body(let buffer):
            receiving?.bytes += buffer.readableBytes
        case .end:
            receiving = nil
            bodyCheck?.cancel()
            bodyCheck = nil
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .headDeadlinePassed? = event as? RequestProgress else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        logger.info("Closing a connection whose request head did not arrive in time", metadata: ["timeout": "\(limits.headTimeout)"])
        refuse(
            Problem(
                status: .requestTimeout, code: "request_timeout", title: "Request timeout",
                detail: "The request did not arrive in time: send the whole request head within \(limits.headTimeout.nanoseconds / 1_000_000_000) seconds."),
            context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A parse error between requests is ours to answer; one inside a request's body is
        // the route's (its body read fails) and goes on.
        guard let parseError = error as? HTTPParserError, receiving == nil, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        logger.debug("Refusing an unparseable request", metadata: ["error": "\(parseError)"])
        if parseError == .headerOverflow {
            refuse(
                Problem(
                    status: .requestHeaderFieldsTooLarge, code: "headers_too_large", title: "Request headers too large",
                    detail: "The request's headers are larger than this server accepts: send fewer or shorter headers."),
                context: context)
        } else {
            refuse(.badRequest, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        bodyCheck?.cancel()
        context.fireChannelInactive()
    }

    // MARK: - Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unanswered -= 1
            if unanswered == 0, receiving == nil {
                context.triggerUserOutboundEvent(RequestProgress.awaitingRequest, promise: nil)
            }
        }
        context.write(data, promise: promise)
    }

    // MARK: - Refusals

    private func refusal(of head: HTTPRequest) -> Problem? {
        if head.authority == nil {
            return Problem(
                status: .badRequest, code: "missing_host", title: "Host header missing",
                detail: "An HTTP/1.1 request must name the server in a Host header: add one, e.g. Host: localhost.")
        }
        guard let expectation = head.headerFields[.expect] else { return nil }
        guard expectation.lowercased() == "100-continue" else {
            return Problem(
                status: .expectationFailed, code: "expectation_failed", title: "Expectation not supported",
                detail: "This server only understands Expect: 100-continue: leave the Expect header out or send that.")
        }
        if let length = head.headerFields[.contentLength].flatMap(Int.init), length > limits.maxBodyBytes {
            return .bodyTooLarge(limit: limits.maxBodyBytes)
        }
        return nil
    }

    private func refuse(_ problem: Problem, context: ChannelHandlerContext) {
        guard !refused else { return }
        refused = true
        bodyCheck?.cancel()
        let body = (try? problem.json()) ?? ByteBuffer()
        var headers: HTTPFields = [
            .contentType: "application/problem+json", .contentLength: String(body.readableBytes), .connection: "close",
        ]
        SecurityHeaders.apply(to: &headers, authenticated: false)
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
        // A client that stalled its TLS handshake never lets the answer out: close anyway.
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { loopBound.value.close(promise: nil) }
    }

    // MARK: - The body's pace

    /// When the body now has to be complete: the body timeout after the head, plus a second
    /// for every `minimumBodyBytesPerSecond` bytes that did arrive.
    private func bodyDeadline() -> NIODeadline {
        guard let receiving else { return .distantFuture }
        let earned = Int64(receiving.bytes / max(1, limits.minimumBodyBytesPerSecond))
        return receiving.since + limits.bodyTimeout + .seconds(earned)
    }

    private func scheduleBodyCheck(context: ChannelHandlerContext, at deadline: NIODeadline) {
        bodyCheck?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        bodyCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            guard receiving != nil else { return }
            let due = bodyDeadline()
            if NIODeadline.now() < due {
                scheduleBodyCheck(context: loopBound.value, at: due)
                return
            }
            logger.info(
                "Closing a connection whose request body arrived too slowly",
                metadata: ["bytes": "\(receiving?.bytes ?? 0)", "minimumBytesPerSecond": "\(limits.minimumBodyBytesPerSecond)"])
            loopBound.value.close(promise: nil)
        }
    }
}
