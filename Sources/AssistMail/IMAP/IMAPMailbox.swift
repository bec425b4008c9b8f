import Foundation

/// The mailbox the desk owns and polls: `imaps://host:port/Folder` (TLS from the first byte),
/// `imap://host:port/Folder` (STARTTLS required, the server's certificate and name verified),
/// or `imap+plain://host:port/Folder` (no TLS, accepted only for a loopback address). The folder
/// defaults to INBOX.
public struct IMAPMailbox: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable {
        case startTLS = "imap"
        case implicitTLS = "imaps"
        case plain = "imap+plain"
    }

    public let security: Security
    public let host: String
    public let port: Int
    public let folder: String

    public var description: String { "\(security.rawValue)://\(host):\(port)/\(folder)" }

    /// Parses a mailbox URL, or says what to send instead.
    public static func parse(_ text: String) -> Result<IMAPMailbox, MailURLProblem> {
        guard let schemeEnd = text.range(of: "://"), let security = Security(rawValue: String(text[..<schemeEnd.lowerBound])) else {
            return .failure(.init("must start with imaps://, imap:// (STARTTLS) or imap+plain://"))
        }
        var authority = text[schemeEnd.upperBound...]
        var folder = "INBOX"
        if let slash = authority.firstIndex(of: "/") {
            let path = authority[authority.index(after: slash)...].removingPercentEncoding ?? ""
            if !path.isEmpty { folder = path }
            authority = authority[..<slash]
        }
        // The folder goes into an IMAP command as a quoted string: nothing that could end it.
        guard folder.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F }) else {
            return .failure(.init("must name a folder without quotes, backslashes or control characters"))
        }
        let address: MailServerAddress
        switch MailServerAddress.parse(authority) {
        case .success(let parsed): address = parsed
        case .failure(.port): return .failure(.init("must name a port, e.g. imaps://mail.example.ru:993/INBOX"))
        case .failure(.host): return .failure(.init("must name a host, e.g. imaps://mail.example.ru:993/INBOX"))
        }
        if security == .plain, !address.isLoopback {
            return .failure(.init("may use imap+plain (no TLS) only on this machine (127.0.0.1, ::1, localhost): use imaps:// or imap://"))
        }
        return .success(IMAPMailbox(security: security, host: address.host, port: address.port, folder: folder))
    }
}
