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
    /// In canonical form (`canonical(_:)`), as the addresses they are compared with.
    let trustedProxies: Set<String>

    init(trustedProxies: Set<String>) {
        self.trustedProxies = Set(trustedProxies.compactMap(Self.canonical))
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, let peer = Self.canonical(context.clientAddress), trustedProxies.contains(peer) else {
            return try await next(request, context)
        }
        var context = context
        context.clientAddress = Self.client(peer: peer, forwardedFor: request.headers[values: Self.forwardedFor], trusted: trustedProxies)
        return try await next(request, context)
    }

    /// Walks the forwarded chain from the nearest hop back: each trusted proxy vouches for the
    /// address before it. A hop that is not an IP address ends the walk at the last one vouched for.
    static func client(peer: String, forwardedFor headers: [String], trusted: Set<String>) -> String {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimming(.whitespaces) }
        var client = canonical(peer) ?? peer
        for hop in hops.reversed() {
            guard trusted.contains(client), let address = canonical(hop) else { break }
            client = address
        }
        return client
    }

    static func isIPAddress(_ text: String) -> Bool {
        canonical(text) != nil
    }

    /// One spelling per address, so that addresses compare as addresses: IPv6 compressed and
    /// lower-case, an IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, as a dual-stack listener sees
    /// an IPv4 peer) as its IPv4 address, a port (`10.0.0.5:4431`, `[2001:db8::1]:443`) and
    /// brackets dropped. Nil when it is no IP address.
    static func canonical(_ text: String) -> String? {
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = host[..<colon]  // IPv4 with a port: IPv6 has more colons than one
        }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, String(host), &v4) == 1 { return ipv4Text(v4) }
        guard inet_pton(AF_INET6, String(host), &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func ipv4Text(_ address: in_addr) -> String {
        withUnsafeBytes(of: address.s_addr) { $0.map(String.init).joined(separator: ".") }
    }
}
