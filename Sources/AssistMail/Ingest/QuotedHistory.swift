import AssistCore
/// Cuts the quoted history under a customer's answer: everything from our reply marker (which
/// every letter of ours carries at its top) down, and the "… wrote:" line above it.
public enum QuotedHistory {
    /// The first line of every letter we send; a reply's text ends above it.
    public static let marker = "— Пишите ответ выше этой строки —"

    public static func strip(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.contains(marker) }) else { return text }
        lines.removeSubrange(index...)
        // Quoting clients put ">" before the marker and an attribution line above it.
        while let last = lines.last, last.trimming(.whitespaces).isEmpty || last.hasPrefix(">") { lines.removeLast() }
        if let last = lines.last, last.hasSuffix(":") { lines.removeLast() }
        return lines.joined(separator: "\n").trimming(.whitespacesAndNewlines)
    }
}
