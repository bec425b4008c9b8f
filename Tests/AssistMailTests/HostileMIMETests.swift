import Foundation
import Testing

@testable import AssistMail

/// Letters built to make the reader work in the square of their size: each must be read in time
/// linear in its length. The bound below is far above what linear reading takes in a debug build
/// (up to 2 s for the largest here, with the tests of other suites running beside) and far below
/// what the square took (a Subject of 400 000 encoded words: more than 260 s in a release build;
/// 500 000 script blocks: hours): it tells the two apart on any machine, however busy. The
/// benchmark (`Scripts/bench`, its mail part) measures the worst case in a release build.
@Suite("Hostile letters are read in linear time", .serialized)
struct HostileMIMETests {
    static let bound: Duration = .seconds(60)

    func timed<T>(_ work: () -> T) -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = work()
        return (value, clock.now - start)
    }

    /// Parses `hostile`, which may cost at most 20 times reading a plain letter of the same size,
    /// plus 2 s: linear with a constant as large as a 64 KiB copy per line would fail it (a slow
    /// machine slows both alike), and so would anything worse than linear. The plain letter is
    /// read just before and just after, and the slower reading counts: the other suites running
    /// beside may slow the machine at one moment and not the next.
    func parsedNoSlowerThanPlain(_ hostile: [UInt8], _ what: String) -> ParsedMail {
        let body = Array(repeating: UInt8(ascii: "x"), count: max(0, hostile.count - 60))
        let plain = Array("From: a@b.test\r\nSubject: plain\r\n\r\n".utf8) + body
        let (_, before) = timed { MailParser.parse(plain) }
        let (mail, took) = timed { MailParser.parse(hostile) }
        let (_, after) = timed { MailParser.parse(plain) }
        let plainTook = max(before, after)
        #expect(took < Self.bound, "\(what): \(took)")
        #expect(took < plainTook * 20 + .seconds(2), "\(what): \(took), a plain letter of its size \(plainTook)")
        return mail
    }

    @Test("400 000 RFC 2047 words decode as one text, in linear time")
    func manyEncodedWords() {
        let word = "=?UTF-8?B?0K8=?="  // "Я"
        let header = Array(repeating: word, count: 400_000).joined(separator: " ")
        let (decoded, took) = timed { EncodedWords.decode(header) }
        #expect(decoded.count == 400_000 && decoded.allSatisfy { $0 == "Я" })
        #expect(took < Self.bound, "\(took)")
    }

    @Test("240 000 one-byte words of alternating charsets, and words that never close, decode in linear time")
    func oneByteWordsAndBrokenOnes() {
        let alternating = (0..<240_000).map { $0 % 2 == 0 ? "=?koi8-r?Q?=F1?=" : "=?utf-8?Q?a?=" }.joined()
        let (decoded, took) = timed { EncodedWords.decode(alternating) }
        #expect(decoded.count == 240_000)
        #expect(took < Self.bound, "\(took)")
        // Openings that never end: each may only be looked at once.
        for broken in [String(repeating: "=?utf-8?B?", count: 200_000), String(repeating: "=?", count: 1_000_000),
                       "=?utf-8?B?" + String(repeating: "QUJD", count: 1_000_000), String(repeating: "=?a?B?xyz?x", count: 200_000)] {
            let (text, took) = timed { EncodedWords.decode(broken) }
            #expect(text.utf8.count == broken.utf8.count, "not a word: kept as text: \(broken.prefix(20)) \(text.suffix(30))")
            #expect(took < Self.bound, "\(took)")
        }
    }

    @Test("a header longer than 64 KiB is cut with a note; a 10 MB letter whose Subject is 400 000 words is read in linear time")
    func hugeSubject() {
        let subject = Array(repeating: "=?UTF-8?B?0K8=?=", count: 400_000).joined(separator: "\r\n ")
        let raw = Array("From: alice@customer.test\r\nSubject: \(subject)\r\nMessage-ID: <huge@customer.test>\r\n\r\nТекст\r\n".utf8)
        #expect(raw.count > 6_000_000)
        let mail = parsedNoSlowerThanPlain(raw, "a Subject of 400 000 words")
        // Cut mid-word, the last word is kept as the text it is.
        #expect(mail.subject.prefix(3000).allSatisfy { $0 == "Я" } && mail.subject.utf8.count < 64 * 1024)
        #expect(mail.notes.contains("header Subject longer than 65536 bytes: cut"), "\(mail.notes)")
        #expect(mail.messageId == "<huge@customer.test>", "the headers after the cut one are read")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Текст")
    }

    @Test("a folded header of 500 000 short lines, and 200 000 RFC 2231 pieces of a file name, are read in linear time")
    func foldingAndContinuations() {
        let folded = Array(("Subject: a" + String(repeating: "\r\n b", count: 500_000) + "\r\n\r\nbody").utf8)
        let mail = parsedNoSlowerThanPlain(folded, "500 000 folded lines")
        #expect(mail.subject.hasPrefix("a b b") && mail.subject.utf8.count <= 64 * 1024)
        let pieces = (0..<200_000).map { "filename*\($0)*=%41" }.joined(separator: "; ")
        let (parameters, took2) = timed { HeaderParameters.parse("attachment; " + pieces) }
        #expect(took2 < Self.bound, "\(took2)")
        #expect(parameters.parameters["filename"]?.count == 200_000)
    }

    @Test("multiparts nested 19 deep (the most read) around a 2 MB part, and 100 000 empty parts, are read in linear time and memory")
    func nestedAndManyParts() {
        var body = "Content-Type: text/plain\r\n\r\n" + String(repeating: "x", count: 2_000_000)
        for level in 0..<19 {
            body = "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n\(body)\r\n--b\(level)--\r\n"
        }
        let nestedLetter = Array(("From: a@b.test\r\n" + body).utf8)
        let (nested, took) = timed { MailParser.parse(nestedLetter) }
        // No comparison with a plain letter here: each of the 19 levels finds its own boundaries
        // in the 2 MB, so linear reading costs about 19 plain readings by design.
        #expect(took < Self.bound, "\(took)")
        #expect(nested.text.count == 2_000_000)
        let many = "From: a@b.test\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n" + String(repeating: "--p\r\n\r\n", count: 100_000) + "--p--\r\n"
        let (parsed, took2) = timed { MailParser.parse(Array(many.utf8)) }
        #expect(took2 < Self.bound, "\(took2)")
        #expect(parsed.attachments.isEmpty)
    }

    @Test("an HTML-only letter of 500 000 script blocks, or of unclosed ones, is reduced in linear time; the text around them stays")
    func htmlBlocks() {
        let blocks = "<p>Добрый день</p>" + String(repeating: "<script>x</script>", count: 500_000) + "<p>Ошибка 42</p>"
        let (text, took) = timed { HTMLText.reduce(blocks) }
        #expect(took < Self.bound, "\(took)")
        #expect(text == "Добрый день\nОшибка 42")
        let unclosed = String(repeating: "<script>a", count: 500_000)
        let (rest, took2) = timed { HTMLText.reduce(unclosed) }
        #expect(took2 < Self.bound, "\(took2)")
        #expect(rest.count == 500_000, "an unclosed block is not dropped: its text stays")
        #expect(HTMLText.reduce("a &lt;b&gt; &amp;lt; <br class=x>c &LAQUO;d&raquo; <style>p{}</style>e") == "a <b> &lt;\nc «d» e")
    }
}
