import Foundation

/// Reads the timestamps clients send: RFC 3339 with an explicit offset, e.g.
/// `2026-11-25T10:00:00+03:00` or `2026-11-25T07:00:00.5Z`.
public enum RFC3339 {
    /// Nil unless `text` is a complete RFC 3339 date-time with `Z` or a numeric offset.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// The years the product's date arithmetic accepts.
    public static let supportedYears = 2000...2100
}
