import AssistCore

/// The JSON body of `PUT /v1/calendar/years/{year}`.
public struct CalendarYearInput: Decodable {
    public let holidays: [String]
    public let workdays: [String]
    public let shortened: [String]
    public let note: String?
}

/// The answer of `GET /v1/calendar`.
public struct CalendarView: Codable, Sendable {
    public let revision: Int
    public let years: [String: ProductionCalendar.Year]
}
