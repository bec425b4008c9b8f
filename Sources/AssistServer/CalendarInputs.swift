import AssistCore

/// The JSON body of `PUT /v1/calendar/years/{year}`.
struct CalendarYearInput: Decodable {
    let holidays: [String]
    let workdays: [String]
    let shortened: [String]
    let note: String?
    static let fields: Set<String> = ["holidays", "workdays", "shortened", "note"]
}

/// The answer of `GET /v1/calendar`.
struct CalendarView: Encodable, Sendable {
    let revision: Int
    let years: [String: ProductionCalendar.Year]
}
