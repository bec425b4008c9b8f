/// Kopecks as people read them: `1 500,00 ₽` (no-break spaces between thousands, decimal comma).
public enum MoneyFormat {
    public static func roubles(_ kopecks: Int64) -> String {
        let sign = kopecks < 0 ? "−" : ""
        let value = kopecks.magnitude
        var digits = String(value / 100)
        var grouped: [String] = []
        while digits.count > 3 {
            grouped.insert(String(digits.suffix(3)), at: 0)
            digits = String(digits.dropLast(3))
        }
        grouped.insert(digits, at: 0)
        let cents = value % 100
        return "\(sign)\(grouped.joined(separator: "\u{00A0}")),\(cents / 10)\(cents % 10)\u{00A0}₽"
    }
}
