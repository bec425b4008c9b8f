import AssistCore
import Foundation
import HTTPTypes
import Hummingbird

#if canImport(Glibc)
import Glibc
#endif

/// Sets the request's client address (`AssistRequestContext.clientAddress`), which throttles
/// and logs use: the TCP peer's, unless the peer is a proxy the admin trusts
/// (`http.trustedProxies`) — then the nearest address in `X-Forwarded-For` that is not one of
/// those proxies. Without the setting the header is ignored, so no client can pick its own
/// address to dodge a lock or to lock someone else out.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    let trustedProxies: Set<String>

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, trustedProxies.contains(context.clientAddress) else { return try await next(request, context) }
        var context = context
        context.clientAddress = Self.client(peer: context.clientAddress, forwardedFor: request.headers[values: Self.forwardedFor], trusted: trustedProxies)
        return try await next(request, context)
    }

    /// Walks the forwarded chain from the nearest hop back: each trusted proxy vouches for the
    /// address before it. A hop that is not an IP address ends the walk at the last one vouched for.
    static func client(peer: String, forwardedFor headers: [String], trusted: Set<String>) -> String {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimming(.whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard trusted.contains(client), isIPAddress(hop) else { break }
            client = hop
        }
        return client
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
