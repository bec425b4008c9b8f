import Foundation

/// A list of lines as either database keeps it: a JSON array of strings (a ticket's deadline
/// explanation), written and read without Foundation's JSON coders — a `JSONDecoder` made and run
/// for every ticket read, and a `JSONEncoder` for every ticket filed, were 3–4 % of the server's CPU
/// while tickets were being filed. Any array of strings JSON allows is read; text that is not one
/// falls back to `JSONDecoder`, so nothing stored before reads differently.
public enum StoredLines {
    public static func text(_ lines: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, line) in lines.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONString.append(line, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func lines(_ text: String) -> [String] {
        if let lines = parse(Array(text.utf8)) { return lines }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// The array's strings, or nil for anything this reader does not take.
    private static func parse(_ bytes: [UInt8]) -> [String]? {
        var position = 0
        func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        func hexValue(at index: Int) -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = HexDigit.value(byte) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { return nil }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let unit = hexValue(at: position) else { return nil }
                        position += 4
                        var value = unit
                        if (0xD800..<0xDC00).contains(unit) {
                            // A high surrogate must be followed by an escaped low one.
                            guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                                  let low = hexValue(at: position + 2), (0xDC00..<0xE000).contains(low) else { return nil }
                            position += 6
                            value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(unit) {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(value) else { return nil }
                        UTF8.encode(scalar) { text.append($0) }
                    default:
                        return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    text.append(byte)
                }
            }
            return nil
        }

        var lines: [String] = []
        skipSpace()
        guard take(UInt8(ascii: "[")) else { return nil }
        skipSpace()
        if take(UInt8(ascii: "]")) {
            skipSpace()
            return position == bytes.count ? lines : nil
        }
        while true {
            skipSpace()
            guard let line = string() else { return nil }
            lines.append(line)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "]")) else { return nil }
            skipSpace()
            return position == bytes.count ? lines : nil
        }
    }
}
