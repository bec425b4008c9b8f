import Foundation

/// Where and how mail leaves: `smtp://host:port` (STARTTLS required, the relay's certificate
/// and name verified), `smtps://host:port` (TLS from the first byte), or `smtp+plain://host:port`
/// (no TLS, accepted only for a loopback address such as a local Postfix).
public struct SMTPRelay: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable {
        case startTLS = "smtp"
        case implicitTLS = "smtps"
        case plain = "smtp+plain"
    }

    public let security: Security
    public let host: String
    public let port: Int

    public var description: String { "\(security.rawValue)://\(host):\(port)" }

    /// Parses a relay URL; nil with `problem` saying what to send instead.
    public static func parse(_ text: String) -> Result<SMTPRelay, RelayProblem> {
        guard let schemeEnd = text.range(of: "://"), let security = Security(rawValue: String(text[..<schemeEnd.lowerBound])) else {
            return .failure(RelayProblem("must start with smtp://, smtps:// or smtp+plain://"))
        }
        let rest = text[schemeEnd.upperBound...]
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
            return .failure(RelayProblem("must name a port, e.g. smtp://mail.example.ru:587"))
        }
        let host = String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty, !host.contains("/") else { return .failure(RelayProblem("must name a host, e.g. smtp://mail.example.ru:587")) }
        if security == .plain, !isLoopback(host) {
            return .failure(RelayProblem("may use smtp+plain (no TLS) only on this machine (127.0.0.1, ::1, localhost): use smtp:// with STARTTLS"))
        }
        return .success(SMTPRelay(security: security, host: host, port: port))
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public struct RelayProblem: Error, Sendable, Equatable {
        public let sentence: String
        init(_ sentence: String) { self.sentence = sentence }
    }
}
