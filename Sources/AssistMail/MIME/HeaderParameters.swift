import AssistCore
/// A structured header such as `Content-Type: multipart/mixed; boundary="b1"; charset=koi8-r`:
/// the lower-cased value and its parameters (quoted or not; names lower-cased).
///
/// RFC 2231 parameters are joined and decoded under their plain name: `filename*=utf-8''%D1%81…`
/// and the continuations `filename*0*=…; filename*1*=…` (or unstarred `filename*0="…"`) become
/// `filename`, in the charset the first piece names. Mail clients write long and non-ASCII file
/// names this way (Thunderbird, Apple Mail, Gmail), so the decoded form wins over a plain one.
enum HeaderParameters {
    static func parse(_ value: String) -> (type: String, parameters: [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        let type = pieces.first?.trimming(.whitespaces).lowercased() ?? "text/plain"
        var parameters: [String: String] = [:]
        var extended: [String: [(index: Int, encoded: Bool, value: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimming(.whitespaces).lowercased()
            var parameter = piece[piece.index(after: equals)...].trimming(.whitespaces)
            if parameter.hasPrefix("\""), parameter.hasSuffix("\""), parameter.count >= 2 { parameter = String(parameter.dropFirst().dropLast()) }
            if let star = name.firstIndex(of: "*") {
                // `name*` is one encoded piece; `name*N` and `name*N*` are continuation N, plain or encoded.
                let base = String(name[..<star])
                var suffix = name[name.index(after: star)...]
                let encoded = suffix.hasSuffix("*") || suffix.isEmpty
                if suffix.hasSuffix("*") { suffix = suffix.dropLast() }
                guard !base.isEmpty, let index = suffix.isEmpty ? 0 : Int(suffix), index >= 0 else { continue }
                extended[base, default: []].append((index, encoded, parameter))
            } else {
                parameters[name] = parameter
            }
        }
        for (base, continuations) in extended {
            parameters[base] = joined(continuations.sorted { $0.index < $1.index })
        }
        return (type.isEmpty ? "text/plain" : type, parameters)
    }

    /// RFC 2231 pieces, in order, as one string: the first encoded piece starts with
    /// `charset'language'`; encoded pieces are percent-encoded bytes, plain ones are taken as written.
    private static func joined(_ pieces: [(index: Int, encoded: Bool, value: String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, piece) in pieces.enumerated() {
            var value = Substring(piece.value)
            if piece.encoded, position == 0 {
                let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = String(parts[0])
                    value = parts[2]
                }
            }
            bytes += piece.encoded ? percentDecoded(value) : Array(value.utf8)
        }
        return Charset.decode(bytes, charset: charset)
    }

    /// `%XX` as a byte; a malformed `%` stays as it is (a name is degraded, never lost).
    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == 37, index + 2 < input.count, let high = HexDigit.value(input[index + 1]), let low = HexDigit.value(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }
}
