import AssistCore
import Foundation
import Testing

@testable import AssistMail

/// What leaves in a letter: quoted-printable bodies, dot-stuffed DATA, escaped HTML.
@Suite("Outgoing letters' text")
struct OutgoingTextTests {
    static let texts = [
        "", "Здравствуйте!\n\nПо вашему обращению подготовлен ответ.", String(repeating: "Длинная строка без переносов. ", count: 40),
        "trailing space \nand tab\t\nend", "= signs = everywhere ==", ".starts with a dot\n..two dots\n.\nlone dot above",
        "windows\r\nline\r\nends\r\n", "a lone\rCR stays", "\u{301}combining first\n.\u{301} dot and accent", "emoji 👩‍💻 and 🇷🇺 flags",
        String(repeating: "ё", count: 200), "x" + String(repeating: " ", count: 100),
    ]

    /// The text as it reads once its line breaks are CRLF-or-LF agnostic.
    func normalized(_ text: String) -> String {
        MailText.lines(of: text).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test("R-4.3 letters (the confirmation among them) in quoted-printable: printable ASCII only, lines of at most 76 characters, no blank at a line's end, and it decodes to the text", arguments: texts)
    func quotedPrintable(text: String) {
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded.utf8.allSatisfy { $0 == 13 || $0 == 10 || (32...126).contains($0) })
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "\(line.debugDescription)")
        }
        #expect(!encoded.utf8.contains(10) || encoded.contains("\r\n"))
        let decoded = TransferEncoding.quotedPrintable(Array(encoded.utf8), header: false)
        #expect(String(decoding: decoded, as: UTF8.self) == normalized(text).replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("RFC 5321 §4.5.2 DATA: every line that starts with a dot gets another, line ends are CRLF, and the end-of-data line cannot occur inside", arguments: texts)
    func dotStuffing(text: String) {
        let stuffed = SMTPClient.dotStuffed(text)
        let lines = stuffed.components(separatedBy: "\r\n")
        #expect(!stuffed.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        #expect(!lines.contains("."), "a lone dot would end DATA")
        let unstuffed = lines.map { $0.hasPrefix(".") ? String($0.unicodeScalars.dropFirst()) : $0 }
        #expect(unstuffed.joined(separator: "\n") == normalized(text))
        for (line, original) in zip(lines, normalized(text).components(separatedBy: "\n")) where original.utf8.first == UInt8(ascii: ".") {
            #expect(line.utf8.prefix(2).elementsEqual("..".utf8), "\(original.debugDescription)")
        }
    }

    @Test("HTML escaping: the five markup characters escaped wherever they stand, even before a combining accent; all else kept")
    func htmlEscaping() {
        #expect(HTMLEscaping.escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;")
        #expect(HTMLEscaping.escape("\"\u{301}onmouseover=x") == "&quot;\u{301}onmouseover=x", "one Character, still a quote")
        #expect(HTMLEscaping.escape("<\u{301}script>") == "&lt;\u{301}script&gt;")
        #expect(HTMLEscaping.escape("Счёт № 12 — 1 500,00 ₽ 👩‍💻") == "Счёт № 12 — 1 500,00 ₽ 👩‍💻")
    }
}
