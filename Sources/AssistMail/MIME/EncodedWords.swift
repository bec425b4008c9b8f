import AssistCore
import Foundation

/// Decodes RFC 2047 encoded words in a header (`=?KOI8-R?B?…?=`, `=?utf-8?Q?…?=`).
///
/// Whitespace between two encoded words is dropped, and adjacent words of one charset are
/// decoded together, so a character whose bytes were split across two words comes out whole.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        var output = ""
        var pending: (charset: String, bytes: [UInt8])?
        var gap = ""
        var rest = Substring(value)
        func flush() {
            if let run = pending { output += Charset.decode(run.bytes, charset: run.charset) }
            pending = nil
        }
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = parseWord(rest[start.lowerBound...]) else {
                flush()
                output += gap + before + "=?"
                gap = ""
                rest = rest[start.upperBound...]
                continue
            }
            if pending != nil, before.allSatisfy(\.isWhitespace) {
                // Between two encoded words: whitespace is not part of the text.
            } else {
                flush()
                output += gap + before
            }
            gap = ""
            if let run = pending, run.charset.lowercased() == word.charset.lowercased() {
                pending = (run.charset, run.bytes + word.bytes)
            } else {
                flush()
                pending = (word.charset, word.bytes)
            }
            rest = word.rest
        }
        flush()
        return (output + gap + rest).trimming(.whitespaces)
    }

    private static func parseWord(_ text: Substring) -> (charset: String, bytes: [UInt8], rest: Substring)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), !parts[0].isEmpty else { return nil }
        // RFC 2231 language suffix: charset*language.
        let charset = String(parts[0].split(separator: "*").first ?? "")
        let encoded = parts[2]
        let bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B":
            var notes: [String] = []
            bytes = TransferEncoding.base64(Array(encoded.utf8), notes: &notes)
        case "Q":
            bytes = TransferEncoding.quotedPrintable(Array(encoded.replacingOccurrences(of: "_", with: " ").utf8), header: true)
        default:
            return nil
        }
        let consumed = 2 + parts[0].count + 1 + parts[1].count + 1 + encoded.count + 2
        return (charset, bytes, text.dropFirst(consumed))
    }
}
