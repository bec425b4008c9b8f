import AssistCore
import Foundation
import Testing

/// JSON written by hand (direct API answers, stored lines) quotes strings as Foundation does.
@Suite("Strings as JSON text")
struct JSONStringTests {
    @Test("every C0 control, quote, backslash, slash, DEL, C1, U+2028 and 2 000 random strings are Foundation's bytes")
    func sameAsFoundation() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var generator = SystemRandomNumberGenerator()
        let fixed = (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) }
            + ["\"", "\\", "/", "\u{7F}", "\u{85}", "\u{2028}", "", "Обращение", "e\u{301}", "😀", "a\"b\\c\nd"]
        let random = (0..<2_000).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 0...16, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: Bool.random(using: &generator) ? 0...0x7F : 0...0x10FFFF, using: &generator))
            }))
        }
        for text in fixed + random {
            var bytes: [UInt8] = []
            JSONString.append(text, to: &bytes)
            let same = bytes == Array(try encoder.encode(text))  // bytes, not strings: String == is canonical equivalence
            #expect(same, "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
