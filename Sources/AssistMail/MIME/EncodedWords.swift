import AssistCore

/// Decodes RFC 2047 encoded words in a header (`=?KOI8-R?B?…?=`, `=?utf-8?Q?…?=`).
///
/// Whitespace between two encoded words is dropped, and adjacent words of one charset are
/// decoded together, so a character whose bytes were split across two words comes out whole.
///
/// Linear in the header's length, whatever it holds: one pass over its bytes, each attempt at a
/// word reading at most up to the third `?` after its `=?` (encoded text never holds a `?`), and
/// the bytes of a run of words gathered in one growing buffer. (A run was once copied whole for
/// every word it took in, and a failed word re-read the rest of the header: a Subject of 400 000
/// words took minutes.)
enum EncodedWords {
    /// A charset name longer than this is no charset: the word is read as text.
    static let maximumCharsetLength = 64

    static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8)
        var output = ""
        // The run of adjacent words of one charset being gathered, decoded together at its end.
        var runCharset: String?
        var runBytes: [UInt8] = []
        /// Where the text not yet copied to `output` starts.
        var textStart = 0
        var index = 0
        func flush() {
            if let charset = runCharset { output += Charset.decode(runBytes, charset: charset) }
            runCharset = nil
            runBytes.removeAll(keepingCapacity: true)
        }
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?") else { index += 1; continue }
            guard let word = parseWord(bytes, at: index) else { index += 2; continue }
            let between = bytes[textStart..<index]
            if runCharset != nil, between.allSatisfy(isBlank) {
                // Between two encoded words: whitespace is not part of the text.
            } else {
                flush()
                output += String(decoding: between, as: UTF8.self)
            }
            if runCharset != word.charset {
                flush()
                runCharset = word.charset
            }
            runBytes.append(contentsOf: word.decoded)
            index = word.end
            textStart = word.end
        }
        flush()
        output += String(decoding: bytes[textStart...], as: UTF8.self)
        return output.trimming(.whitespaces)
    }

    /// The word starting at `start` (`=?`): its charset (lower-cased, any RFC 2231 language
    /// dropped), its decoded bytes and where it ends; nil when what follows is not one.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (charset: String, decoded: [UInt8], end: Int)? {
        let question = UInt8(ascii: "?")
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != question, !isBlank(bytes[index]) {
            index += 1
            if index - charsetStart > maximumCharsetLength { return nil }
        }
        guard index < bytes.count, bytes[index] == question, index > charsetStart else { return nil }
        let charsetEnd = index
        // The encoding: one letter between two question marks.
        guard index + 2 < bytes.count, bytes[index + 2] == question else { return nil }
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        index += 3
        let textStart = index
        while index < bytes.count, bytes[index] != question, !isBlank(bytes[index]) { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == question, bytes[index + 1] == UInt8(ascii: "=") else { return nil }
        let text = Array(bytes[textStart..<index])
        let decoded: [UInt8]
        if encoding == UInt8(ascii: "b") {
            var notes: [String] = []
            decoded = TransferEncoding.base64(text, notes: &notes)
        } else {
            decoded = TransferEncoding.quotedPrintable(text.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, header: true)
        }
        // RFC 2231 language suffix: charset*language.
        let name = bytes[charsetStart..<charsetEnd].prefix { $0 != UInt8(ascii: "*") }
        guard !name.isEmpty else { return nil }
        return (String(decoding: name, as: UTF8.self).lowercased(), decoded, index + 2)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }
}
