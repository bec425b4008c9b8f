import AssistCore
/// RFC 2045 quoted-printable, for UTF-8 bodies: lines of at most 76 characters, soft breaks
/// with `=`, every byte outside printable ASCII (and `=`) as `=XX`, trailing blanks encoded,
/// line breaks (LF or CRLF) as CRLF; a lone CR is a byte like any other (`=0D`).
///
/// Byte by byte: composing letters character by character was most of the delivery
/// service's CPU.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3)
        for (number, line) in MailText.lines(of: text).enumerated() {
            if number > 0 { output.append(contentsOf: crlf) }
            var length = 0
            for (index, byte) in line.enumerated() {
                let isLast = index == line.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let width = literal ? 1 : 3
                if length + width > 75 {
                    output.append(61)  // "=" CRLF: a soft break
                    output.append(contentsOf: crlf)
                    length = 0
                }
                if literal {
                    output.append(byte)
                } else {
                    output.append(61)
                    output.append(HexDigit.byte(byte >> 4, uppercase: true))
                    output.append(HexDigit.byte(byte & 15, uppercase: true))
                }
                length += width
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let crlf: [UInt8] = [13, 10]
}
