import AssistCore

/// The JSON body of `PUT /v1/calendar/years/{year}`.
public struct CalendarYearInput: Decodable {
    public let holidays: [String]
    public let workdays: [String]
    public let shortened: [String]
    public let note: String?

    public init(holidays: [String], workdays: [String], shortened: [String], note: String? = nil) {
        self.holidays = holidays
        self.workdays = workdays
        self.shortened = shortened
        self.note = note
    }
}

/// The answer of `GET /v1/calendar`.
public struct CalendarView: Codable, Sendable {
    public let revision: Int
    public let years: [String: ProductionCalendar.Year]
}
