import AssistCore
import Foundation

/// The system clock's pace from another starting instant (`clock.start`, `ASSIST_CLOCK_START`):
/// for tests and drills that must see a desk at a chosen hour — a Friday evening, a holiday,
/// 23:59:30 Moscow time on a 31 December — with every process of a run agreeing on the time.
public struct ShiftedClock: WallClock {
    private let offset: TimeInterval

    /// Now is `start`; from here on the clock runs as the system's does.
    public init(startingAt start: Date) {
        offset = start.timeIntervalSince(Date())
    }

    public var now: Date { Date().addingTimeInterval(offset) }
}
