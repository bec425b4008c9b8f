/// Where a ticket stands. Postponed and refused carry an reason.
public enum TicketState: String, Sendable, Codable, CaseIterable {
    case new
    case inProgress = "in-progress"
    case waitingForCustomer = "waiting-for-customer"
    case resolved
    case closed
    case postponed
    case refused

    /// The states an agent may move a ticket to from this one.
    public var next: Set<TicketState> {
        switch self {
        case .new: [.inProgress, .waitingForCustomer, .resolved, .postponed, .refused]
        case .inProgress: [.waitingForCustomer, .resolved, .postponed, .refused]
        case .waitingForCustomer: [.inProgress, .resolved, .postponed, .refused]
        case .postponed: [.inProgress, .resolved, .refused]
        case .resolved: [.closed, .inProgress]
        case .refused: [.closed]
        case .closed: []
        }
    }

    /// Still waiting for work: counted in the queue and for the reaction clock.
    public var isOpen: Bool {
        switch self {
        case .new, .inProgress, .waitingForCustomer: true
        case .resolved, .closed, .postponed, .refused: false
        }
    }

    /// Entering this state needs an reason.
    public var needsReason: Bool { self == .postponed || self == .refused }
}
