import Foundation
import Hummingbird
import OpenSSLTLS

/// Per-request state handed to route handlers.
public struct AssistRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TLS parameters of the connection the request came on.
    public let tls: TLSConnectionInfo?

    /// Sorted keys: the same answer is the same bytes.
    public var responseEncoder: JSONEncoder { .api }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.tls = ConnectionTLS.current?.info
    }
}
