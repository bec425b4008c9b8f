import AssistCore

/// Reads an `Authentication-Results` header (RFC 8601): the `authserv-id` of the server that
/// wrote it, then `method=result` with its properties, separated by `;`, comments in
/// parentheses anywhere. What cannot be read is left out — never guessed into a pass.
public enum AuthenticationResultsHeader {
    /// The results in `value` when the server that wrote it is one of `trusted` (compared
    /// case-insensitively: give them lower-cased); nil for any other server's header.
    public static func results(in value: String, trusted: Set<String>) -> [AuthenticationResult]? {
        let segments = Self.segments(of: Self.withoutComments(value))
        guard let first = segments.first, let id = Self.words(of: first).first, trusted.contains(Self.unquoted(id).lowercased()) else {
            return nil
        }
        return segments.dropFirst().compactMap { segment in
            let words = Self.words(of: segment)
            guard let head = words.first, let equals = head.firstIndex(of: "=") else { return nil }
            let method = head[..<equals].split(separator: "/").first.map { String($0).lowercased() } ?? ""
            let result = String(head[head.index(after: equals)...]).lowercased()
            guard !method.isEmpty, !result.isEmpty else { return nil }
            var properties: [String: String] = [:]
            for word in words.dropFirst() {
                guard let sign = word.firstIndex(of: "=") else { continue }
                let name = word[..<sign].lowercased()
                if name.contains("."), properties[name] == nil { properties[name] = Self.unquoted(String(word[word.index(after: sign)...])) }
            }
            return AuthenticationResult(method: method, result: result, properties: properties)
        }
    }

    /// The header without its comments (nested, with `\` escapes), quoted strings kept whole.
    static func withoutComments(_ value: String) -> String {
        var out = "", depth = 0, quoted = false, escaped = false
        for character in value {
            if escaped { escaped = false; if depth == 0 { out.append(character) }; continue }
            switch character {
            case "\\": escaped = true; if depth == 0 { out.append(character) }
            case "\"" where depth == 0: quoted.toggle(); out.append(character)
            case "(" where !quoted: depth += 1
            case ")" where !quoted && depth > 0: depth -= 1; if depth == 0 { out.append(" ") }
            default: if depth == 0 { out.append(character) }
            }
        }
        return out
    }

    /// `;`-separated parts, a `;` inside quotes kept.
    static func segments(of text: String) -> [String] {
        var parts: [String] = [], current = "", quoted = false, escaped = false
        for character in text {
            if escaped { escaped = false; current.append(character); continue }
            if character == "\\" { escaped = true } else if character == "\"" { quoted.toggle() }
            if character == ";", !quoted { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        return parts
    }

    /// Whitespace-separated words, with `a = b` read as `a=b` and quoted strings kept whole.
    static func words(of segment: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, escaped = false
        for character in segment {
            if escaped { escaped = false; current.append(character); continue }
            if character == "\\" { escaped = true; current.append(character); continue }
            if character == "\"" { quoted.toggle() }
            if !quoted, character.isWhitespace {
                // A word ending in `=` waits for its value: `a= b` is `a=b`.
                if !current.isEmpty, !current.hasSuffix("=") { words.append(current); current = "" }
                continue
            }
            // `a =b`: the `=` joins the word before it.
            if !quoted, character == "=", current.isEmpty, let last = words.popLast() { current = last }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var out = "", escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped { out.append(character); escaped = false } else if character == "\\" { escaped = true } else { out.append(character) }
        }
        return out
    }
}
