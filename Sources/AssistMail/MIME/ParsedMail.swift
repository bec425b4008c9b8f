import AssistCore
import Foundation

/// A received letter as the desk needs it: who, what about, the text, how it threads, and
/// what kind of letter it is (a person's, an automatic one, a bounce).
///
/// Parsing survives real mail: folded headers, RFC 2047 words (a character split across two
/// words), multipart mixed/alternative/related/report, base64 and quoted-printable (broken
/// base64 is read as far as it goes), UTF-8, KOI8-R, windows-1251, ISO-8859-5, HTML-only
/// letters reduced to text; attachments decoded, with their RFC 2231 or RFC 2047 file names.
/// Nothing in it throws: what cannot be read is degraded and said so.
public struct ParsedMail: Sendable {
    public let headers: [(name: String, value: String)]
    /// The sender's address from `From:`, lower-cased; nil when there is none.
    public let from: String?
    public let subject: String
    public let messageId: String?
    /// `In-Reply-To` and `References`, in order, each `<…>`.
    public let threadIds: [String]
    /// The letter's text: the plain part, or the HTML part reduced to text.
    public let text: String
    /// The files attached, in the letter's order, at most `MailParser.maximumAttachments`.
    public let attachments: [MailAttachment]
    /// For a delivery report (RFC 3464): the failed recipients and the Message-ID of our letter.
    public let bounce: Bounce?
    /// What could not be read as declared (for the record).
    public let notes: [String]

    public struct Bounce: Sendable, Equatable {
        public let originalMessageId: String?
        public let failedRecipients: [String]
        public let status: String?
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Whether `address` is among the letter's `To` and `Cc` recipients (compared lower-cased).
    public func isAddressed(to address: String) -> Bool {
        let wanted = address.lowercased()
        return headers.contains { header in
            guard ["to", "cc"].contains(header.name.lowercased()) else { return false }
            // A comma inside a quoted name splits only the name; an address never holds one.
            return EncodedWords.decode(header.value).split(separator: ",").contains { MailParser.address(in: String($0)) == wanted }
        }
    }

    /// R-4.7 by mail: the results of every `Authentication-Results` header written by a server
    /// named in `trusted` (the receiving MTA's `authserv-id`); nil when the letter has none.
    public func authenticationResults(trusting trusted: Set<String>) -> [AuthenticationResult]? {
        guard !trusted.isEmpty else { return nil }
        let ids = Set(trusted.map { $0.lowercased() })
        let found = headers.filter { $0.name.caseInsensitiveCompare("Authentication-Results") == .orderedSame }
            .compactMap { AuthenticationResultsHeader.results(in: $0.value, trusted: ids) }
        return found.isEmpty ? nil : found.flatMap { $0 }
    }

    /// Why no answer may go back to this letter (RFC 3834 and common practice), or nil for a
    /// person's letter: auto-submitted, bulk or list mail, a loop marker, a null return path,
    /// a mailer daemon, or one of our own letters coming back.
    public func automaticReason(ourDomain: String) -> String? {
        if let auto = header("Auto-Submitted")?.lowercased(), !auto.hasPrefix("no") { return "Auto-Submitted: \(auto)" }
        if let precedence = header("Precedence")?.lowercased(), ["bulk", "junk", "list"].contains(precedence.trimming(.whitespaces)) {
            return "Precedence: \(precedence)"
        }
        if header("X-Loop") != nil { return "X-Loop" }
        if header("List-Id") != nil { return "List-Id (mailing list)" }
        if let path = header("Return-Path"), path.trimming(.whitespaces) == "<>" { return "null Return-Path" }
        if let from, from.hasPrefix("mailer-daemon@") || from.hasPrefix("postmaster@") { return "from \(from)" }
        if let messageId, messageId.lowercased().hasSuffix("@\(ourDomain.lowercased())>") { return "our own Message-ID" }
        return nil
    }
}
