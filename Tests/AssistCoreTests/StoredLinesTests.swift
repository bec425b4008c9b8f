import Foundation
import Testing

import AssistCore

@Suite("Lists of lines stored as JSON")
struct StoredLinesTests {
    /// Lines of every awkward kind: quotes, backslashes, slashes, every control character, NUL,
    /// Cyrillic, combining accents, characters beyond the BMP, U+2028, and random scalars.
    private static func awkwardLines() -> [[String]] {
        var generator = SystemRandomNumberGenerator()
        let fixed: [[String]] = [
            [], [""], ["R-2.1: реакция до 13:00 по Москве"], ["\"quoted\"", "back\\slash", "a/b", "tab\there", "line\nbreak", "cr\rlf"],
            [(0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined(), "\u{7F}\u{80}\u{2028}\u{2029}\u{FEFF}"],
            ["e\u{301}", "😀 👩‍💻", "\u{10FFFF}", "\u{E000}"], ["", "", ""],
        ]
        let random = (0..<2_000).map { _ in
            (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &generator)).compactMap { _ in
                    Unicode.Scalar(UInt32.random(in: Bool.random(using: &generator) ? 0...0x7F : 0...0x10FFFF, using: &generator))
                }))
            }
        }
        return fixed + random
    }

    @Test("what StoredLines writes, JSONDecoder reads back as the same lines, and StoredLines reads it back too")
    func writtenTextIsJSON() throws {
        for lines in Self.awkwardLines() {
            let text = StoredLines.text(lines)
            #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == lines, "\(text)")
            #expect(StoredLines.lines(text) == lines, "\(text)")
        }
    }

    @Test("StoredLines reads what JSONEncoder wrote (rows stored before it), with and without escaped slashes, and spaced-out arrays")
    func readsFoundationsText() throws {
        let escapedSlashes = JSONEncoder()
        let plain = JSONEncoder()
        plain.outputFormatting = [.withoutEscapingSlashes, .prettyPrinted]
        for lines in Self.awkwardLines() {
            for encoder in [escapedSlashes, plain] {
                let text = String(decoding: try encoder.encode(lines), as: UTF8.self)
                #expect(StoredLines.lines(text) == lines, "\(text)")
            }
        }
        let handWritten = #" [ "a\u00e9\ud83d\ude00" , "\b\f\/" ] "#
        let expected = ["aé😀", "\u{8}\u{C}/"]
        #expect(StoredLines.lines(handWritten) == expected)
    }

    @Test("text that is not an array of strings reads as Foundation reads it: nothing, never a crash")
    func malformedText() {
        for text in ["", "[", "[\"a\"", "[\"a\",]", "{\"a\":1}", "[1]", "[\"\\x\"]", "[\"\\ud800\"]", "[\"a\"] x", "null", "[\"\u{1}\"]"] {
            let fallback = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
            #expect(StoredLines.lines(text) == fallback, "\(text)")
        }
    }
}
