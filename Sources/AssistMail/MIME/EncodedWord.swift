import Foundation

/// RFC 2047 encoded words for header text that is not plain ASCII (Russian subjects, names):
/// `=?UTF-8?B?…?=` words of at most 75 characters, split between whole characters so no
/// UTF-8 sequence is cut, joined by folding whitespace.
enum EncodedWord {
    /// `text` as it may stand in a header: itself when printable ASCII, else encoded words.
    static func header(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 75 - "=?UTF-8?B?".count - "?=".count = 63 base64 characters = 45 bytes at most.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}
