/// What metered help costs: the hourly rate per kind with its effective dates (R-3.2), and
/// which contract tiers pay for it.
public struct BillingPolicy: Sendable, Equatable {
    /// Changes on top of the regulation's 1 500 RUB/hour for every kind, in any order.
    public var rateChanges: [RateChange]
    /// Tiers whose customers pay for metered help; the others get it at 0.
    public var payingTiers: Set<ContractTier>

    public init(rateChanges: [RateChange] = [], payingTiers: Set<ContractTier> = Set(ContractTier.allCases)) {
        self.rateChanges = rateChanges
        self.payingTiers = payingTiers
    }

    /// The hourly rate of `kind` on the Moscow date `date`: the latest change effective by then,
    /// else the regulation's standard rate.
    public func rate(of kind: MeteredKind, on date: LocalDate) -> Int64 {
        rateChanges.filter { $0.kind == kind && $0.effectiveFrom <= date }
            .max { $0.effectiveFrom < $1.effectiveFrom }?.kopecksPerHour ?? MeteredQuote.standardRateKopecksPerHour
    }

    /// The rate paid help of `kind` is priced at: 0 for a tier that does not pay. (The free
    /// one-time phone install is `HelpStartRule`'s to decide.)
    public func rate(of kind: MeteredKind, tier: ContractTier, on date: LocalDate) -> Int64 {
        guard payingTiers.contains(tier) else { return 0 }
        return rate(of: kind, on: date)
    }

    public enum ParseFailure: Error, Sendable, Equatable {
        case rateChange(String)
        case tier(String)
    }

    /// Reads `billing.rates`: comma-separated `kind@YYYY-MM-DD=kopecks`, e.g.
    /// `install@2027-01-01=180000,update@2027-01-01=180000`.
    public static func parseRateChanges(_ text: String) throws(ParseFailure) -> [RateChange] {
        var changes: [RateChange] = []
        for item in text.split(separator: ",").map({ $0.trimming(.whitespaces) }) where !item.isEmpty {
            let kindAndRest = item.split(separator: "@", maxSplits: 1)
            let dateAndRate = kindAndRest.count == 2 ? kindAndRest[1].split(separator: "=", maxSplits: 1) : []
            guard dateAndRate.count == 2, let kind = MeteredKind(rawValue: String(kindAndRest[0])),
                  let date = LocalDate(dateAndRate[0]), let rate = Int64(dateAndRate[1]), (0...100_000_000).contains(rate)
            else { throw .rateChange(item) }
            changes.append(RateChange(kind: kind, effectiveFrom: date, kopecksPerHour: rate))
        }
        return changes
    }

    /// Reads `billing.payingTiers`: comma-separated tiers, e.g. `commercial,vip`.
    public static func parseTiers(_ text: String) throws(ParseFailure) -> Set<ContractTier> {
        var tiers: Set<ContractTier> = []
        for item in text.split(separator: ",").map({ $0.trimming(.whitespaces) }) where !item.isEmpty {
            guard let tier = ContractTier(rawValue: item) else { throw .tier(item) }
            tiers.insert(tier)
        }
        return tiers
    }
}
