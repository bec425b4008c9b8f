import AssistCore

/// Domain rules that PostgreSQL statements need, spelled once in its dialect and derived from the
/// domain types (as `SQLRules` is for SQLite), so a new ticket state cannot leave a query behind.
enum PostgresRules {
    /// The open ticket states as an SQL list, e.g. `('new', 'in-progress', 'waiting-for-customer')`.
    static let openStates = "(" + TicketState.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// A metered session that may be billed: stopped and not held for review (alias `m`).
    static let billableSession = "m.stoppedAt IS NOT NULL AND NOT m.flaggedForReview"

    /// The Moscow date of a stored instant (`timestamptz`), e.g. `moscowDate("m.startedAt")`: the
    /// same fixed offset as `MoscowTime`, so both engines agree on every date.
    static func moscowDate(_ column: String) -> String {
        "((\(column) AT TIME ZONE 'UTC') + interval '\(MoscowTime.offsetSeconds) seconds')::date"
    }
}
