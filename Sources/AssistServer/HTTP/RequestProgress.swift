/// Events between `RequestHeadDeadlineHandler` (on raw bytes) and `HTTPRequestGuard` (on HTTP
/// parts), which sit on either side of the TLS and HTTP codecs of one connection.
enum RequestProgress: Sendable {
    /// Outbound: a complete request head arrived; its head deadline no longer applies.
    case headReceived
    /// Outbound: the last response is written; the next byte starts a new head deadline.
    case awaitingRequest
    /// Inbound: the head deadline passed before the head was complete.
    case headDeadlinePassed
}
