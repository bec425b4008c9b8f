/// Contract prices in kopecks: free 0; commercial 15 000 RUB a year; VIP 30 000 RUB a
/// year. The monthly VIP price is not in the regulation: until configured, a monthly VIP
/// contract cannot be made.
public struct Tariffs: Sendable, Equatable {
    public var commercialYearKopecks: Int64 = 1_500_000
    public var vipYearKopecks: Int64 = 3_000_000
    public var vipMonthKopecks: Int64?

    public init(vipMonthKopecks: Int64? = nil) {
        self.vipMonthKopecks = vipMonthKopecks
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// The tier is not sold for that term.
        case termNotOffered(ContractTier, ContractTerm)
        /// Monthly VIP has no configured price yet.
        case vipMonthPriceMissing
    }

    /// The price of a contract of `tier` for `term`, or why none can be made.
    public func price(tier: ContractTier, term: ContractTerm) throws(Refusal) -> Int64 {
        switch (tier, term) {
        case (.free, .unlimited), (.noncommercial, .unlimited): return 0
        case (.commercial, .year): return commercialYearKopecks
        case (.vip, .year): return vipYearKopecks
        case (.vip, .month):
            guard let price = vipMonthKopecks else { throw .vipMonthPriceMissing }
            return price
        default: throw .termNotOffered(tier, term)
        }
    }

    /// The terms each tier is sold for.
    public static func terms(for tier: ContractTier) -> [ContractTerm] {
        switch tier {
        case .free, .noncommercial: [.unlimited]
        case .commercial: [.year]
        case .vip: [.year, .month]
        }
    }
}
