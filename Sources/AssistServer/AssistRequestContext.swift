import AssistCore
import AssistDesk
import Foundation
import Hummingbird
import NIOCore
import OpenSSLTLS

/// Per-request state handed to route handlers.
public struct AssistRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TLS parameters of the connection the request came on.
    public let tls: TLSConnectionInfo?
    /// The TCP peer's address.
    public let remoteAddress: SocketAddress?
    /// The client's address, for throttling and logs: the peer's, or the one a trusted proxy
    /// forwarded (`ClientAddressMiddleware`).
    public var clientAddress: String
    /// The signed-in user; set by `AuthMiddleware` on every route that needs one.
    public var user: UserAccount?
    /// The web console's session, set by `WebSessionMiddleware` on the console's pages.
    public var webSession: WebSession?
    /// The form posted to a console page, read and CSRF-checked by `WebSessionMiddleware`;
    /// empty when none was.
    var webForm = WebForm.empty

    /// Sorted keys: the same answer is the same bytes.
    public var responseEncoder: JSONEncoder { .api }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.tls = ConnectionTLS.current?.info
        self.remoteAddress = source.channel.remoteAddress
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The signed-in user: every route behind `AuthMiddleware` has one.
    public func actor() throws -> UserAccount {
        guard let user else { throw DeskError.unauthenticated }
        return user
    }
}
