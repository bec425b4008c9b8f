import AssistCore

/// An HTML-only letter as text: scripts, styles and the head dropped, block ends and `<br>` as
/// line breaks, every other tag removed, the common entities decoded.
///
/// One pass over the bytes, linear whatever the letter holds: a block with no end is searched
/// for once, not once per opening tag. (Removing each block by searching the text from its start
/// again made a letter of many small `<script></script>` pairs cost time in their square.)
enum HTMLText {
    /// Dropped with everything inside them.
    private static let droppedBlocks: Set<String> = ["script", "style", "head"]
    /// A line break where they close (and at every `<br>`).
    private static let breakingEnds: Set<String> = ["p", "div", "li", "tr", "h1", "h2", "h3"]
    private static let entities: [String: String] = [
        "nbsp": " ", "lt": "<", "gt": ">", "quot": "\"", "#39": "'", "apos": "'", "laquo": "«", "raquo": "»", "mdash": "—", "amp": "&",
    ]

    static func reduce(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var plain: [UInt8] = []
        plain.reserveCapacity(bytes.count)
        /// Blocks whose end is known to be missing after some point: their opening tags are then plain tags.
        var unclosed: Set<String> = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                guard let tag = readTag(bytes, at: index) else { index += 1; continue }  // a stray "<" in text: dropped
                index = tag.end
                if !tag.closing, droppedBlocks.contains(tag.name), !unclosed.contains(tag.name) {
                    if let end = blockEnd(bytes, name: tag.name, from: index) {
                        index = end
                    } else {
                        unclosed.insert(tag.name)
                    }
                } else if tag.name == "br" || (tag.closing && breakingEnds.contains(tag.name)) {
                    plain.append(10)
                }
                continue
            }
            if byte == UInt8(ascii: "&"), let entity = readEntity(bytes, at: index) {
                plain.append(contentsOf: entity.text.utf8)
                index = entity.end
                continue
            }
            plain.append(byte)
            index += 1
        }
        let text = String(decoding: plain, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimming(.whitespaces) }
        var collapsed: [String] = []
        for line in lines where !(line.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(line) }
        return collapsed.joined(separator: "\n").trimming(.whitespacesAndNewlines)
    }

    /// The tag at `start` (`<`): its lower-cased name, whether it closes, and where it ends
    /// (after its `>`); nil when no `>` follows before the next `<`.
    private static func readTag(_ bytes: [UInt8], at start: Int) -> (name: String, closing: Bool, end: Int)? {
        var index = start + 1
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        var name: [UInt8] = []
        while index < bytes.count, name.count < 16, isNameByte(bytes[index]) {
            name.append(bytes[index] | 0x20)
            index += 1
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            if bytes[index] == UInt8(ascii: "<") { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        return (String(decoding: name, as: UTF8.self), closing, index + 1)
    }

    /// Just after the `>` of the first `</name…>` from `start`, or nil when there is none.
    private static func blockEnd(_ bytes: [UInt8], name: String, from start: Int) -> Int? {
        let closing = Array("</\(name)".utf8)
        var index = start
        while index + closing.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/"),
               zip(bytes[index..<(index + closing.count)], closing).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                var end = index + closing.count
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                return min(end + 1, bytes.count)
            }
            index += 1
        }
        return nil
    }

    /// A known entity at `start` (`&`), up to its `;`.
    private static func readEntity(_ bytes: [UInt8], at start: Int) -> (text: String, end: Int)? {
        var index = start + 1
        while index < bytes.count, index - start <= 8, bytes[index] != UInt8(ascii: ";") { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ";"),
              let text = entities[String(decoding: bytes[(start + 1)..<index], as: UTF8.self).lowercased()]
        else { return nil }
        return (text, index + 1)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}
