import NIOCore

/// How long and how slowly a client may send one request, and how large its body may be.
///
/// The idle timeout alone restarts on every byte, so a client trickling a byte every few
/// seconds held its connection for ever; these bound the whole request instead.
struct RequestLimits: Sendable {
    /// From the first byte of a request (the TLS handshake included, for the first one) to its
    /// complete head.
    var headTimeout: TimeAmount
    /// From the head to the end of the body, plus one second for every `minimumBodyBytesPerSecond`
    /// bytes received: a client sending at least that fast is never cut off.
    var bodyTimeout: TimeAmount
    var minimumBodyBytesPerSecond: Int
    var maxBodyBytes: Int
}
