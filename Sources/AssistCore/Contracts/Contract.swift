import Foundation

/// A support contract of a customer, priced from the tariff table when it was made.
public struct Contract: Sendable, Equatable, Codable {
    public let id: Int64
    public let customerId: Int64
    public let tier: ContractTier
    public let term: ContractTerm
    /// First day covered, Moscow date.
    public let startsOn: LocalDate
    /// Last day covered, Moscow date; nil for unlimited support.
    public let endsOn: LocalDate?
    /// The price, in kopecks, fixed when the contract was made.
    public let priceKopecks: Int64
    public let createdAt: Date
    /// How metered help under this contract is rounded (default: every started minute).
    public let rounding: RoundingRule

    public init(
        id: Int64, customerId: Int64, tier: ContractTier, term: ContractTerm, startsOn: LocalDate, endsOn: LocalDate?,
        priceKopecks: Int64, createdAt: Date, rounding: RoundingRule = .startedMinute
    ) {
        self.id = id
        self.customerId = customerId
        self.tier = tier
        self.term = term
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.priceKopecks = priceKopecks
        self.createdAt = createdAt
        self.rounding = rounding
    }

    /// Whether the contract covers the Moscow date of `instant`.
    public func isInForce(at instant: Date) -> Bool {
        let date = MoscowTime.date(of: instant)
        return startsOn <= date && endsOn.map { date <= $0 } ?? true
    }

    /// The tier in force at `instant` among `contracts`: the highest one that covers it (among
    /// equals, the latest started); with none, or all expired, free support.
    public static func tierInForce(_ contracts: [Contract], at instant: Date) -> (tier: ContractTier, contract: Contract?) {
        let best = contracts.filter { $0.isInForce(at: instant) }.max { a, b in
            (a.tier, a.startsOn, a.id) < (b.tier, b.startsOn, b.id)
        }
        return (best?.tier ?? .free, best)
    }
}
