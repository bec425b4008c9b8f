/// The TID: `TID-<year>-<six digits>`, numbered per Moscow year.
public enum TicketID {
    public static func format(year: Int, number: Int) -> String {
        "TID-\(year)-\(String(number).leftPadded(to: 6))"
    }

    /// Whether `text` is a TID.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0] == "TID" && parts[1].count == 4 && parts[2].count == 6
            && parts[1].allSatisfy { $0.isASCII && $0.isNumber } && parts[2].allSatisfy { $0.isASCII && $0.isNumber }
    }

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
