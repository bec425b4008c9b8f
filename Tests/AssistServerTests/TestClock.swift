import AssistCore
import AssistServer
import Foundation

/// The suite's clock: the system's, or — with `ASSIST_TEST_CLOCK_START` (RFC 3339, e.g.
/// `2026-12-31T23:59:30+03:00`) — one started at that instant and running at the system's pace.
/// Every server a test starts decides by it (in-process through `LiveServer`, in a child process
/// through `ASSIST_CLOCK_START`), and tests take "now" from it, so the whole suite can be run at
/// any hour of any day — the turn of a year included — and must pass there as anywhere.
enum TestClock {
    static let shared: any WallClock = {
        guard let text = ProcessInfo.processInfo.environment["ASSIST_TEST_CLOCK_START"] else { return SystemClock() }
        guard let start = RFC3339.parse(text) else { fatalError("ASSIST_TEST_CLOCK_START is not an RFC 3339 time: \(text)") }
        return ShiftedClock(startingAt: start)
    }()

    static var now: Date { shared.now }

    /// What a child `assistd` needs in its environment to keep the same time (nothing when the suite runs on the system clock).
    static var environment: [String: String] {
        guard ProcessInfo.processInfo.environment["ASSIST_TEST_CLOCK_START"] != nil else { return [:] }
        // To the millisecond: a child started a moment after another must not start before it.
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return ["ASSIST_CLOCK_START": format.string(from: now)]
    }
}
