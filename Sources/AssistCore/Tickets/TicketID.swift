/// The TID: `TID-<year>-<six digits>`, numbered per Moscow year.
public enum TicketID {
    public static func format(year: Int, number: Int) -> String {
        "TID-\(year)-\(String(number).leftPadded(to: 6))"
    }

    /// Whether `text` is a TID.
    ///
    /// Byte by byte against the shape: a TID is ASCII, and every request naming a ticket is
    /// checked (splitting it into parts of characters was about 1 % of the server's CPU).
    public static func isValid(_ text: String) -> Bool {
        // A `String`, not any `StringProtocol`: a generic function is not specialised across
        // modules, and walking it generically cost more than the split it replaced.
        let utf8 = text.utf8
        guard utf8.count == shape.count else { return false }
        var position = 0
        for byte in utf8 {
            let expected = shape[position]
            position += 1
            let matches = expected == UInt8(ascii: "9") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            guard matches else { return false }
        }
        return true
    }

    /// A TID's bytes, each "9" standing for any ASCII digit.
    private static let shape = Array("TID-9999-999999".utf8)

    /// The first TID in an e-mail subject such as `Re: [TID-2026-000042] Обращение принято`.
    public static func find(in subject: String) -> String? {
        let characters = Array(subject)
        let length = 15  // "TID-2026-000042"
        guard characters.count >= length else { return nil }
        for start in 0...(characters.count - length) where characters[start] == "T" {
            let candidate = String(characters[start..<start + length])
            let followedByDigit = start + length < characters.count && characters[start + length].isNumber
            if isValid(candidate), !followedByDigit { return candidate }
        }
        return nil
    }
}
