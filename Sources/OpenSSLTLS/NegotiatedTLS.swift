import NIOConcurrencyHelpers

/// The handshake result of one connection, readable from any task.
///
/// The handler lives on its event loop, request handlers run in tasks: the handler sets this
/// once when the handshake completes, before any plaintext is delivered, so a request
/// handler always finds it set.
public final class NegotiatedTLS: Sendable {
    private let box = NIOLockedValueBox<TLSConnectionInfo?>(nil)

    public init() {}

    /// The connection's TLS parameters; nil until the handshake has completed.
    public var info: TLSConnectionInfo? {
        box.withLockedValue { $0 }
    }

    func set(_ info: TLSConnectionInfo) {
        box.withLockedValue { $0 = info }
    }
}
