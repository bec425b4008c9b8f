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

    public static func parse(_ text: String) -> Result<IMAPMailbox, SMTPRelay.RelayProblem> {
        guard let schemeEnd = text.range(of: "://"), let security = Security(rawValue: String(text[..<schemeEnd.lowerBound])) else {
            return .failure(.init("must start with imaps://, imap:// (STARTTLS) or imap+plain://"))
        }
        var rest = text[schemeEnd.upperBound...]
        var folder = "INBOX"
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...].removingPercentEncoding ?? ""
            if !path.isEmpty { folder = path }
            rest = rest[..<slash]
        }
        // The folder goes into an IMAP command as a quoted string: nothing that could end it.
        guard folder.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F }) else {
            return .failure(.init("must name a folder without quotes, backslashes or control characters"))
        }
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
            return .failure(.init("must name a port, e.g. imaps://mail.example.ru:993/INBOX"))
        }
        let host = String(rest[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { return .failure(.init("must name a host, e.g. imaps://mail.example.ru:993/INBOX")) }
        if security == .plain, !SMTPRelay.isLoopback(host) {
            return .failure(.init("may use imap+plain (no TLS) only on this machine (127.0.0.1, ::1, localhost): use imaps:// or imap://"))
        }
        return .success(IMAPMailbox(security: security, host: host, port: port, folder: folder))
    }
}
