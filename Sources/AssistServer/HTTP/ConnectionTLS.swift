import OpenSSLTLS

/// The TLS state of the connection a request arrived on, bound for the duration of the
/// connection's task, so request contexts can read it without touching the event loop.
enum ConnectionTLS {
    @TaskLocal static var current: NegotiatedTLS?
}
