/// A contract about to be made, priced and dated already.
public struct NewContract: Sendable, Equatable {
    public let customerId: Int64
    public let tier: ContractTier
    public let term: ContractTerm
    public let startsOn: LocalDate
    public let endsOn: LocalDate?
    public let priceKopecks: Int64
    public var rounding: RoundingRule = .startedMinute

    /// Dates the contract from its term and prices it from `tariffs`.
    public init(customerId: Int64, tier: ContractTier, term: ContractTerm, startsOn: LocalDate, tariffs: Tariffs) throws(Tariffs.Refusal) {
        self.customerId = customerId
        self.tier = tier
        self.term = term
        self.startsOn = startsOn
        self.endsOn = term.lastDay(from: startsOn)
        self.priceKopecks = try tariffs.price(tier: tier, term: term)
    }
}
