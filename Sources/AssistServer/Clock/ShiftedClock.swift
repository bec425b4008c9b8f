import AssistCore
import Foundation

/// The system clock moved by a fixed offset (`clock.offsetSeconds`, `ASSIST_CLOCK_OFFSET_SECONDS`):
/// for tests and drills that must see a desk at a chosen hour — a Friday evening, a holiday,
/// 23:59:30 Moscow time on a 31 December. An offset rather than a starting instant, so every
/// process given it — a server, its restarts, each `assistd ingest` an MTA starts — agrees on the time.
public struct ShiftedClock: WallClock {
    public let offsetSeconds: TimeInterval

    public init(offsetSeconds: TimeInterval) {
        self.offsetSeconds = offsetSeconds
    }

    public var now: Date { Date().addingTimeInterval(offsetSeconds) }
}
