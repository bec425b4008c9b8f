import Foundation

/// One line of an issued invoice: a copy of what was billed, so the invoice never changes even
/// when the contract or session it came from is later freed by a credit note and corrected.
public struct InvoiceLine: Sendable, Equatable, Codable {
    public let position: Int
    public let kind: InvoiceLineKind
    /// The contract's start date, or the Moscow date the metered session started.
    public let date: LocalDate
    public let amountKopecks: Int64
    public let contractId: Int64?
    public let contractTier: ContractTier?
    public let contractTerm: ContractTerm?
    public let contractEndsOn: LocalDate?
    public let meteredSessionId: Int64?
    public let tid: String?
    public let meteredKind: MeteredKind?
    public let rawSeconds: Int?
    public let billedSeconds: Int?
    public let rateKopecksPerHour: Int64?
    /// The rounding rule the session was billed under.
    public let rule: RoundingRule?

    public init(
        position: Int, kind: InvoiceLineKind, date: LocalDate, amountKopecks: Int64, contractId: Int64?, contractTier: ContractTier?,
        contractTerm: ContractTerm?, contractEndsOn: LocalDate?, meteredSessionId: Int64?, tid: String?, meteredKind: MeteredKind?,
        rawSeconds: Int?, billedSeconds: Int?, rateKopecksPerHour: Int64?, rule: RoundingRule?
    ) {
        self.position = position
        self.kind = kind
        self.date = date
        self.amountKopecks = amountKopecks
        self.contractId = contractId
        self.contractTier = contractTier
        self.contractTerm = contractTerm
        self.contractEndsOn = contractEndsOn
        self.meteredSessionId = meteredSessionId
        self.tid = tid
        self.meteredKind = meteredKind
        self.rawSeconds = rawSeconds
        self.billedSeconds = billedSeconds
        self.rateKopecksPerHour = rateKopecksPerHour
        self.rule = rule
    }

    /// The line's wording on the printed invoice, in Russian.
    public var description: String {
        switch kind {
        case .subscription:
            let tier = switch contractTier {
            case .vip: "VIP"
            case .commercial: "коммерческая"
            case .noncommercial: "некоммерческая"
            case .free, nil: "бесплатная"
            }
            let until = contractEndsOn.map { "–\($0.russianNotation)" } ?? ""
            return "Техническая поддержка (\(tier)), \(date.russianNotation)\(until)"
        case .metered:
            let what = switch meteredKind {
            case .install, nil: "Помощь в установке"
            case .update: "Помощь в установке обновления"
            case .updateRepair: "Устранение проблем после установки обновления"
            }
            return "\(what), \(tid ?? ""), \(date.russianNotation), \(InvoiceLine.duration(billedSeconds ?? 0))"
        }
    }

    /// «1 ч 30 мин», «45 мин», «2 ч», «0 мин»; seconds shown only when the rule bills them.
    public static func duration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60
        var parts: [String] = []
        if hours > 0 { parts.append("\(hours) ч") }
        if minutes > 0 || (hours == 0 && rest == 0) { parts.append("\(minutes) мин") }
        if rest > 0 { parts.append("\(rest) с") }
        return parts.joined(separator: " ")
    }
}
