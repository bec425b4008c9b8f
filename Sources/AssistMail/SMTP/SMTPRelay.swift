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

    /// Parses a relay URL, or says what to send instead.
    public static func parse(_ text: String) -> Result<SMTPRelay, MailURLProblem> {
        guard let schemeEnd = text.range(of: "://"), let security = Security(rawValue: String(text[..<schemeEnd.lowerBound])) else {
            return .failure(MailURLProblem("must start with smtp://, smtps:// or smtp+plain://"))
        }
        let address: MailServerAddress
        switch MailServerAddress.parse(text[schemeEnd.upperBound...]) {
        case .success(let parsed): address = parsed
        case .failure(.port): return .failure(MailURLProblem("must name a port, e.g. smtp://mail.example.ru:587"))
        case .failure(.host): return .failure(MailURLProblem("must name a host, e.g. smtp://mail.example.ru:587"))
        }
        if security == .plain, !address.isLoopback {
            return .failure(MailURLProblem("may use smtp+plain (no TLS) only on this machine (127.0.0.1, ::1, localhost): use smtp:// with STARTTLS"))
        }
        return .success(SMTPRelay(security: security, host: address.host, port: address.port))
    }
}
