import AssistCore
/// An HTML-only letter as text: scripts and styles dropped, block ends and `<br>` as line
/// breaks, every other tag removed, the common entities decoded.
enum HTMLText {
    static func reduce(_ html: String) -> String {
        var text = html
        for block in ["script", "style", "head"] {
            while let open = text.range(of: "<\(block)", options: .caseInsensitive),
                  let close = text.range(of: "</\(block)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) {
                text.removeSubrange(open.lowerBound..<close.upperBound)
            }
        }
        for breaking in ["<br>", "<br/>", "<br />", "</p>", "</div>", "</li>", "</tr>", "</h1>", "</h2>", "</h3>"] {
            text = text.replacingOccurrences(of: breaking, with: "\n", options: .caseInsensitive)
        }
        var plain = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true; continue }
            if character == ">", inTag { inTag = false; continue }
            if !inTag { plain.append(character) }
        }
        let entities = ["&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&apos;": "'", "&laquo;": "«", "&raquo;": "»", "&mdash;": "—"]
        for (entity, character) in entities { plain = plain.replacingOccurrences(of: entity, with: character) }
        plain = plain.replacingOccurrences(of: "&amp;", with: "&")
        let lines = plain.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimming(.whitespaces) }
        var collapsed: [String] = []
        for line in lines where !(line.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(line) }
        return collapsed.joined(separator: "\n").trimming(.whitespacesAndNewlines)
    }
}
