/// The SLA levels of the regulation with their maximum reaction time.
public enum SLALevel: String, Sendable, CaseIterable, Codable {
    case freeOperational = "free-operational"
    case freeStandard = "free-standard"
    case commercialOperational = "commercial-operational"
    case commercialStandard = "commercial-standard"
    case vip
    case noncommercial
    case consulting
    case development

    ///
    public var budget: SLABudget {
        switch self {
        case .freeOperational: .workingHours(4)
        case .freeStandard: .workingDays(2)
        case .commercialOperational: .workingHours(1)
        case .commercialStandard: .workingHours(3)
        case .vip: .workingHours(1)
        case .noncommercial: .workingHours(24)
        case .consulting: .workingHours(40)
        case .development: .workingDays(24)
        }
    }

    /// the standard level an operational ticket moves to when staff find it
    /// is not an emergency; nil for levels that are not operational.
    public var standardCounterpart: SLALevel? {
        switch self {
        case .freeOperational: .freeStandard
        case .commercialOperational: .commercialStandard
        default: nil
        }
    }

    /// the operational level staff make a standard ticket of, on finding it an
    /// emergency; nil for levels that have none (non-commercial is general usage only).
    public var operationalCounterpart: SLALevel? {
        switch self {
        case .freeStandard: .freeOperational
        case .commercialStandard: .commercialOperational
        default: nil
        }
    }

    /// The levels of free support (R-2.5.1, R-2.5.2 at the free tier).
    public var isFreeSupport: Bool { self == .freeOperational || self == .freeStandard }

    /// VIP tickets run on the VIP schedule; everything else on the standard one.
    public var usesVIPSchedule: Bool { self == .vip }
}
