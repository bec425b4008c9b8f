import AssistCore
import Foundation

/// `2026-11-25T11:20` (or with `:SS`) read as Moscow wall-clock time.
func moscow(_ text: String) -> Date {
    let parts = text.split(separator: "T")
    let date = LocalDate(parts[0])!
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    let seconds = clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)
    return MoscowTime.instant(on: date, secondsIntoDay: seconds)
}
