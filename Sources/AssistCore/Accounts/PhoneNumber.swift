import Foundation

/// Checks and normalizes phone numbers to E.164 (`+74951234567`).
public enum PhoneNumber {
    /// Accepts digits with spaces, dashes, dots and parentheses, and a leading `+`; a Russian
    /// number written with a leading 8 (`8 495 …`) becomes `+7…`. Nil if not 10–15 digits.
    public static func normalized(_ text: String) -> String? {
        let trimmed = text.trimming(.whitespaces)
        let separators: Set<Character> = [" ", "-", ".", "(", ")"]
        let hasPlus = trimmed.hasPrefix("+")
        let body = hasPlus ? trimmed.dropFirst() : Substring(trimmed)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || separators.contains($0)) }) else { return nil }
        var digits = body.filter(\.isNumber)
        if !hasPlus, digits.count == 11, digits.hasPrefix("8") {
            digits = "7" + digits.dropFirst()
        }
        guard (10...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
        return "+" + digits
    }
}
