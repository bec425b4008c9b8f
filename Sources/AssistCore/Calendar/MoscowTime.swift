import Foundation

/// Europe/Moscow: UTC+3 all year, no daylight saving time since 2014.
///
/// Instants are stored and computed in UTC; this converts to and from Moscow wall-clock time
/// for the calendar and for display. A fixed offset, because the product's calendar data
/// starts in 2024 and Moscow has not changed its offset since 2014.
public enum MoscowTime {
    public static let offsetSeconds = 3 * 3600

    /// The Moscow date an instant falls on.
    public static func date(of instant: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: Int(floorDivide(localSeconds(instant), 86_400)))
    }

    /// Seconds since Moscow midnight of the instant's date.
    public static func secondsIntoDay(of instant: Date) -> Int {
        Int(localSeconds(instant) - floorDivide(localSeconds(instant), 86_400) * 86_400)
    }

    /// The instant at `secondsIntoDay` seconds after Moscow midnight of `date`.
    public static func instant(on date: LocalDate, secondsIntoDay: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + secondsIntoDay - offsetSeconds))
    }

    /// Moscow midnight of the instant's date: where "today" starts for daily limits.
    public static func startOfDay(of instant: Date) -> Date {
        Self.instant(on: Self.date(of: instant), secondsIntoDay: 0)
    }

    /// RFC 3339 in Moscow time, to the second: `2026-11-25T10:00:00+03:00`.
    public static func format(_ instant: Date) -> String {
        let date = date(of: instant)
        let seconds = secondsIntoDay(of: instant)
        let time = [seconds / 3600, seconds % 3600 / 60, seconds % 60].map { String($0).leftPadded(to: 2) }.joined(separator: ":")
        return "\(date)T\(time)+03:00"
    }

    private static func localSeconds(_ instant: Date) -> Int64 {
        Int64(instant.timeIntervalSince1970.rounded(.down)) + Int64(offsetSeconds)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
