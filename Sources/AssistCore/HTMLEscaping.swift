/// Text as it may stand in HTML: every character a browser or mail client could read as markup
/// escaped. Used wherever the server builds HTML around what people typed (invoices, letters).
///
/// Byte by byte over UTF-8 (the five are ASCII and never part of a longer sequence): a quote
/// followed by a combining accent is one Character, yet a browser still ends an attribute at it.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
