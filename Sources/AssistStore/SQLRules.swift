import AssistCore

/// Domain rules that SQL statements need, spelled once and derived from the domain types, so a
/// new ticket state or a change of the Moscow offset cannot leave a query behind.
enum SQLRules {
    /// The SQLite date modifier that turns a stored UTC time into Moscow time, e.g. `'+3 hours'`.
    static let moscowModifier = "'+\(MoscowTime.offsetSeconds / 3600) hours'"

    /// The open ticket states as an SQL list, e.g. `('new', 'in-progress', 'waiting-for-customer')`.
    static let openStates = "(" + TicketState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// A metered session that may be billed: stopped and not held for review (alias `m`).
    static let billableSession = "m.stoppedAt IS NOT NULL AND m.flaggedForReview = 0"
}
