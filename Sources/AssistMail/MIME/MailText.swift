/// The lines of a text as SMTP and MIME see them: split at LF, a CR just before the LF dropped
/// (CRLF and LF are both a line break), bytes otherwise untouched — by bytes, not Characters,
/// so that what follows a line break or a dot can never merge with it into one Character.
enum MailText {
    static func lines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 10 {
            let end = index > start && bytes[index - 1] == 13 ? index - 1 : index
            lines.append(bytes[start..<end])
            start = index + 1
        }
        lines.append(bytes[start..<bytes.count])
        return lines
    }
}
