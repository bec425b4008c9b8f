import COpenSSL

/// The per-thread OpenSSL error queue.
///
/// OpenSSL keeps errors per thread, and an event loop thread serves many connections: clear
/// the queue before each call and drain it right after, on the same thread, with no `await`
/// in between, or one connection's failure shows up as another's.
package enum OpenSSLErrorQueue {
    package static func clear() {
        ERR_clear_error()
    }

    /// Returns the queued reason strings, oldest first, and leaves the queue empty.
    package static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            reasons.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons
    }
}
