/// The price of metered time: the one place where money is rounded.
public struct MeteredQuote: Sendable, Equatable, Codable {
    public let rawSeconds: Int
    public let billedSeconds: Int
    public let rateKopecksPerHour: Int64
    public let rule: RoundingRule
    public let amountKopecks: Int64

    /// 1 500 RUB per hour.
    public static let standardRateKopecksPerHour: Int64 = 150_000

    /// amount = rate × billed duration, in kopecks, rounded once, half up.
    public init(rawSeconds: Int, rateKopecksPerHour: Int64 = standardRateKopecksPerHour, rule: RoundingRule = .startedMinute) {
        self.rawSeconds = rawSeconds
        self.billedSeconds = rule.billedSeconds(raw: rawSeconds)
        self.rateKopecksPerHour = rateKopecksPerHour
        self.rule = rule
        self.amountKopecks = (rateKopecksPerHour * Int64(billedSeconds) + 1800) / 3600
    }
}
