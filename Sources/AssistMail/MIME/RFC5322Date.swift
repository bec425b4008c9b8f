import AssistCore
import Foundation

/// The `Date:` header, in Moscow time as everything shown to people: `Sun, 29 Nov 2026 18:00:00 +0300`.
enum RFC5322Date {
    static func format(_ instant: Date) -> String {
        let date = MoscowTime.date(of: instant)
        let seconds = MoscowTime.secondsIntoDay(of: instant)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offsetMinutes = MoscowTime.offsetSeconds / 60
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let zone = (offsetMinutes >= 0 ? "+" : "-") + two(abs(offsetMinutes) / 60) + two(abs(offsetMinutes) % 60)
        return "\(days[date.weekday - 1]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60)) \(zone)"
    }
}
