import AssistCore
/// Content-Transfer-Encoding: base64 and quoted-printable decoded, anything else as it is.
enum TransferEncoding {
    static func decode(_ body: [UInt8], _ encoding: String?, notes: inout [String]) -> [UInt8] {
        switch encoding?.trimming(.whitespaces).lowercased() {
        case "base64": base64(body, notes: &notes)
        case "quoted-printable": quotedPrintable(body, header: false)
        default: body
        }
    }

    /// Base64, forgiving: whitespace and stray characters are skipped; a broken tail is dropped
    /// with a note instead of failing the letter.
    static func base64(_ input: [UInt8], notes: inout [String]) -> [UInt8] {
        var values: [UInt8] = []
        var skipped = 0
        for byte in input {
            switch byte {
            case 65...90: values.append(byte - 65)
            case 97...122: values.append(byte - 71)
            case 48...57: values.append(byte + 4)
            case 43: values.append(62)
            case 47: values.append(63)
            case 61, 9, 10, 13, 32: continue
            default: skipped += 1
            }
        }
        if skipped > 0 { notes.append("base64 with \(skipped) characters that are not base64: skipped") }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            let a = values[index], b = values[index + 1]
            output.append(a << 2 | b >> 4)
            if index + 2 < values.count { output.append((b & 15) << 4 | values[index + 2] >> 2) }
            if index + 3 < values.count { output.append((values[index + 2] & 3) << 6 | values[index + 3]) }
            index += 4
        }
        if values.count % 4 == 1 { notes.append("base64 that ends mid-character: the last bits dropped") }
        return output
    }

    /// Quoted-printable: `=XX` bytes, `=` at a line end joins lines; a malformed `=` stays as it is.
    static func quotedPrintable(_ input: [UInt8], header: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 61 {
                if index + 1 < input.count, input[index + 1] == 10 { index += 2; continue }
                if index + 2 < input.count, input[index + 1] == 13, input[index + 2] == 10 { index += 3; continue }
                if index + 2 < input.count, let high = HexDigit.value(input[index + 1]), let low = HexDigit.value(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}
