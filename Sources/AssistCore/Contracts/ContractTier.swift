/// The support a customer bought.
public enum ContractTier: String, Sendable, Codable, CaseIterable, Comparable {
    case free
    case noncommercial
    case commercial
    case vip

    /// When several contracts are in force at once, the highest tier wins.
    var rank: Int {
        switch self {
        case .free: 0
        case .noncommercial: 1
        case .commercial: 2
        case .vip: 3
        }
    }

    public static func < (lhs: ContractTier, rhs: ContractTier) -> Bool { lhs.rank < rhs.rank }

    /// Commercial and VIP tiers apply only to tickets from the customer's own people.
    public var needsRegisteredSender: Bool { self == .commercial || self == .vip }

    /// commercial and VIP support include phone contact, so their phone help never
    /// spends the one-time phone install.
    public var includesPhone: Bool { self == .commercial || self == .vip }
}
