/// The Russian production calendar (производственный календарь): which dates are working
/// days, which are shortened pre-holiday days, which are days off.
///
/// Per year it lists the exceptions to the ordinary week: `holidays` (days off that are not
/// ordinary weekends, and holidays on weekends), `workdays` (Saturdays or Sundays made
/// working days) and `shortened` (working days one hour shorter). A year it does not list is
/// taken as ordinary weeks, and `covers(_:)` says so, so explanations can warn about it.
public struct ProductionCalendar: Sendable, Equatable {
    public struct Year: Sendable, Equatable, Codable {
        public var holidays: Set<LocalDate>
        public var workdays: Set<LocalDate>
        public var shortened: Set<LocalDate>

        public init(holidays: Set<LocalDate> = [], workdays: Set<LocalDate> = [], shortened: Set<LocalDate> = []) {
            self.holidays = holidays
            self.workdays = workdays
            self.shortened = shortened
        }

        /// Dates in order, so the same calendar is always the same JSON.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(holidays.sorted(), forKey: .holidays)
            try container.encode(workdays.sorted(), forKey: .workdays)
            try container.encode(shortened.sorted(), forKey: .shortened)
        }
    }

    public enum DayKind: String, Sendable, Equatable {
        case working
        case shortened
        case dayOff
    }

    /// Each edit of the calendar is a new revision; deadlines record the one they used.
    public let revision: Int
    public let years: [Int: Year]

    public init(revision: Int, years: [Int: Year]) {
        self.revision = revision
        self.years = years
    }

    public func covers(_ year: Int) -> Bool {
        years[year] != nil
    }

    public func kind(of date: LocalDate) -> DayKind {
        guard let year = years[date.year] else {
            return date.isWeekend ? .dayOff : .working
        }
        if year.holidays.contains(date) { return .dayOff }
        let working = year.workdays.contains(date) || !date.isWeekend
        guard working else { return .dayOff }
        return year.shortened.contains(date) ? .shortened : .working
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        kind(of: date) != .dayOff
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
