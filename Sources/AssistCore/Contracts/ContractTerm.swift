/// How long a contract lasts: commercial 1 year; VIP 1 year or 1 month;
/// free and non-commercial support are unlimited.
public enum ContractTerm: String, Sendable, Codable, CaseIterable {
    case year
    case month
    case unlimited

    /// The last day covered by a contract starting on `start` (nil: no end).
    public func lastDay(from start: LocalDate) -> LocalDate? {
        switch self {
        case .unlimited:
            return nil
        case .year:
            return Self.sameDay(in: start.year + 1, month: start.month, as: start).adding(days: -1)
        case .month:
            let month = start.month == 12 ? 1 : start.month + 1
            let year = start.month == 12 ? start.year + 1 : start.year
            return Self.sameDay(in: year, month: month, as: start).adding(days: -1)
        }
    }

    /// The same day number in another month; if that month is too short, the day after its
    /// last day, so a month from 31 January covers through the end of February.
    private static func sameDay(in year: Int, month: Int, as start: LocalDate) -> LocalDate {
        let last = LocalDate.daysIn(month: month, year: year)
        if start.day > last {
            return LocalDate(year: year, month: month, day: last)!.adding(days: 1)
        }
        return LocalDate(year: year, month: month, day: start.day)!
    }
}
