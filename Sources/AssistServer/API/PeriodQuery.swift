import AssistCore

/// A period of Moscow dates, `from` … `to` inclusive, as the billing routes take it.
struct PeriodQuery {
    let from: LocalDate
    let to: LocalDate

    /// Reads two dates (YYYY-MM-DD); `problem` builds the refusal for the field that is wrong.
    init(from: String?, to: String?, problem: (String, String) -> any Error) throws {
        func date(_ text: String?, _ name: String) throws -> LocalDate {
            guard let text, let date = LocalDate(text), RFC3339.supportedYears.contains(date.year) else {
                throw problem(name, "must be a date YYYY-MM-DD from 2000 to 2100")
            }
            return date
        }
        self.from = try date(from, "from")
        self.to = try date(to, "to")
        guard self.from <= self.to else { throw problem("to", "must not be before from") }
    }
}
