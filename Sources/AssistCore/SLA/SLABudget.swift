/// How much reaction time a level allows, in the units the regulation uses.
public enum SLABudget: Sendable, Equatable {
    /// Working hours, summed over open intervals.
    case workingHours(Int)
    /// Whole working days: the same clock time on the N-th following working day.
    case workingDays(Int)

    public var description: String {
        switch self {
        case .workingHours(let hours): "\(hours) working hour\(hours == 1 ? "" : "s")"
        case .workingDays(let days): "\(days) working day\(days == 1 ? "" : "s")"
        }
    }
}
