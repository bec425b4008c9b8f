/// How VAT appears on invoices (configuration, never hard-coded): a rate such as 22 %, or
/// «Без НДС» for an exempt seller or one on a special regime.
///
/// Prices (tariffs, the hourly rate) include VAT; the VAT contained in an invoice total is
/// computed once per invoice, total × rate / (100 + rate), half up.
public enum VATRule: Sendable, Equatable, Codable {
    case exempt
    case percent(Int)

    /// Reads `billing.vat`: `none` or a whole percentage from 1 to 99.
    public init?(setting text: String) {
        let trimmed = text.trimming(.whitespaces).replacingOccurrences(of: "%", with: "")
        if trimmed.lowercased() == "none" {
            self = .exempt
        } else if let percent = Int(trimmed.trimming(.whitespaces)), (1...99).contains(percent) {
            self = .percent(percent)
        } else {
            return nil
        }
    }

    /// The VAT contained in a VAT-inclusive total.
    public func includedVAT(inTotal total: Int64) -> Int64 {
        switch self {
        case .exempt: return 0
        case .percent(let percent):
            let denominator = Int64(100 + percent)
            return (total * Int64(percent) * 2 + denominator) / (denominator * 2)
        }
    }

    /// The percentage, nil when exempt (how it is stored).
    public var percent: Int? {
        if case .percent(let percent) = self { percent } else { nil }
    }

    /// The invoice's VAT line caption.
    public var caption: String {
        switch self {
        case .exempt: "Без НДС"
        case .percent(let percent): "В том числе НДС \(percent)%"
        }
    }
}
