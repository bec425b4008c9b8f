import AssistCore
import Foundation
import Hummingbird
import NIOCore
import OpenSSLTLS

/// Per-request state handed to route handlers.
public struct AssistRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TLS parameters of the connection the request came on.
    public let tls: TLSConnectionInfo?
    /// The client's address, for throttling and logs.
    public let remoteAddress: SocketAddress?
    /// The signed-in user; set by `AuthMiddleware` on every route that needs one.
    public var user: UserAccount?

    /// Sorted keys: the same answer is the same bytes.
    public var responseEncoder: JSONEncoder { .api }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.tls = ConnectionTLS.current?.info
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The signed-in user, if their role is one of `roles`; otherwise a 403 naming who may.
    public func requireRole(_ roles: Role...) throws -> UserAccount {
        try requireRole(roles)
    }

    public func requireRole(_ roles: [Role]) throws -> UserAccount {
        guard let user else { throw Problem.unauthenticated }
        guard roles.contains(user.role) else {
            throw Problem.forbidden("This needs the role \(roles.map(\.rawValue).joined(separator: " or ")); you are \(user.role.rawValue).")
        }
        return user
    }
}
