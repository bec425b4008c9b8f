import AssistCore

/// A year of the production calendar as twelve month grids (Monday first) for the admin's
/// calendar page: each day marked holiday, weekend, shortened or a weekend made a workday.
enum CalendarGrid {
    static let monthNames = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"]

    static func months(year: Int, days: ProductionCalendar.Year) -> [[String: Any]] {
        (1...12).map { month -> [String: Any] in
            guard let first = LocalDate(year: year, month: month, day: 1) else { return [:] }
            // 1970-01-01 was a Thursday: Monday = 0.
            let leading = ((first.daysSinceEpoch % 7) + 7 + 3) % 7
            var cells: [[String: Any]] = Array(repeating: ["blank": true], count: leading)
            var day = first
            while day.month == month {
                let weekday = ((day.daysSinceEpoch % 7) + 7 + 3) % 7
                let kind: String =
                    if days.holidays.contains(day) { "holiday" }
                    else if days.workdays.contains(day) { "workday" }
                    else if days.shortened.contains(day) { "shortened" }
                    else if weekday >= 5 { "weekend" }
                    else { "" }
                cells.append(["day": day.day, "kind": kind, "date": day.description])
                day = LocalDate(daysSinceEpoch: day.daysSinceEpoch + 1)
            }
            let weeks = stride(from: 0, to: cells.count, by: 7).map { ["days": Array(cells[$0..<min($0 + 7, cells.count)])] }
            return ["name": monthNames[month - 1], "weeks": weeks]
        }
    }
}
