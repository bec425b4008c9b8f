import AssistCore
import Foundation

/// Writes a notification as an RFC 5322 / MIME message a customer's mail client shows well:
/// UTF-8 throughout, the subject in RFC 2047 words, text and HTML alternatives in
/// quoted-printable, our own Message-ID, `In-Reply-To`/`References` to the ticket's first
/// message so the thread stays together, and `Auto-Submitted: auto-generated` so no
/// well-behaved system answers it automatically (no mail loops).
struct MailComposer {
    /// The envelope and `From:` address, e.g. `support@istom.ru`.
    let from: String
    /// The name shown with it.
    let fromName: String

    func compose(_ notification: OutboxNotification, at instant: Date, boundary: String) -> String {
        var headers = [
            "From: \(EncodedWord.header(fromName)) <\(from)>",
            "To: <\(notification.recipient)>",
            "Subject: \(EncodedWord.header(notification.subject))",
            "Date: \(RFC5322Date.format(instant))",
        ]
        if let messageId = notification.messageId { headers.append("Message-ID: \(messageId)") }
        if let thread = notification.threadMessageId {
            headers.append("In-Reply-To: \(thread)")
            headers.append("References: \(thread)")
        }
        headers += [
            "Auto-Submitted: auto-generated",
            "X-Auto-Response-Suppress: All",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [
            // The marker on top: a customer's answer is cut there when it comes back (QuotedHistory).
            part("text/plain", QuotedPrintable.encode(QuotedHistory.marker + "\n\n" + notification.body), boundary: boundary),
            part("text/html", QuotedPrintable.encode(Self.html(notification)), boundary: boundary),
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined() + "--\(boundary)--\r\n"
    }

    private func part(_ type: String, _ encoded: String, boundary: String) -> String {
        "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\(encoded)\r\n"
    }

    /// The body as a small HTML page: every character escaped, line breaks kept.
    static func html(_ notification: OutboxNotification) -> String {
        var lines: [UInt8] = []
        for byte in HTMLEscaping.escape(notification.body).utf8 {
            if byte == 10 { lines.append(contentsOf: "<br>".utf8) }
            lines.append(byte)
        }
        let escaped = String(decoding: lines, as: UTF8.self)
        let title = HTMLEscaping.escape(notification.subject)
        return """
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body style="font-family: sans-serif; line-height: 1.4"><p style="color: #888">\(QuotedHistory.marker)</p>\(escaped)</body></html>
            """
    }
}
