/// What `HelpStartRule` decided for billed help about to start: its price and rounding, whether
/// it spends the one-time phone install, and the sentence the audit log keeps.
public struct HelpStart: Sendable, Equatable {
    public let rateKopecksPerHour: Int64
    public let rule: RoundingRule
    public let tier: ContractTier
    public let spendsPhoneInstall: Bool
    public let detail: String

    public init(rateKopecksPerHour: Int64, rule: RoundingRule, tier: ContractTier, spendsPhoneInstall: Bool, detail: String) {
        self.rateKopecksPerHour = rateKopecksPerHour
        self.rule = rule
        self.tier = tier
        self.spendsPhoneInstall = spendsPhoneInstall
        self.detail = detail
    }
}
