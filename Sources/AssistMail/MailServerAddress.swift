import AssistCore
import Foundation

/// The `host:port` of a mail server setting (`smtp://…`, `imaps://…`): the part after the
/// scheme, read the same way for the relay and the mailbox.
struct MailServerAddress: Equatable {
    enum Missing: Error { case port, host }

    let host: String
    let port: Int

    /// `authority`: what follows `scheme://`, without a path. IPv6 hosts may be bracketed.
    static func parse(_ authority: Substring) -> Result<MailServerAddress, Missing> {
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]), (1...65535).contains(port) else {
            return .failure(.port)
        }
        let host = String(authority[..<colon]).trimming(CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty, !host.contains("/") else { return .failure(.host) }
        return .success(MailServerAddress(host: host, port: port))
    }

    /// Only a server on this machine may be spoken to without TLS.
    var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
