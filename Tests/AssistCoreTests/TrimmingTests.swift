import AssistCore
import Foundation
import Testing

@Suite("Trimming text without NSString")
struct TrimmingTests {
    /// Ends that Foundation's own trimming treats in particular ways: a combining accent after a
    /// space (one Character, two scalars), no-break and ideographic spaces, the Unicode line
    /// separators, NEL, tab, nothing but whitespace, nothing at all.
    static let samples = [
        "", " ", " \t\r\n ", "\u{00A0}\u{3000}\u{2028}\u{2029}\u{0085}", "plain", "  both ends  ",
        " \u{301}accent after a space", "tail with a combining accent \u{301}", "\u{FEFF}zero-width no-break space\u{200B}",
        "\n\nЗаявка: не печатается накладная\r\n", "👩‍💻 emoji 🇷🇺\u{2003}", "inner   spaces\tstay", "\u{1680}ogham\u{205F}",
    ]
    static let sets: [CharacterSet] = [.whitespacesAndNewlines, .whitespaces, .newlines, CharacterSet(charactersIn: "\"' []")]

    @Test("trimming(_:) gives what trimmingCharacters(in:) gives, for every set the product trims by", arguments: samples)
    func sameAsFoundation(text: String) {
        for set in Self.sets {
            #expect(text.trimming(set) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
            let substring = text[...]
            #expect(substring.trimming(set) == substring.trimmingCharacters(in: set), "\(text.debugDescription) as a substring")
        }
    }
}
