import AssistCore
import AssistServer
import Foundation

/// The suite's clock: the system's, or — with `ASSIST_TEST_CLOCK_START` (RFC 3339, e.g.
/// `2026-12-31T23:59:30+03:00`) — the system's moved so that it shows that instant when the
/// test process starts, and runs on from there. Every server a test starts decides by it
/// (in-process through `LiveServer`, in a child process through the same offset in
/// `ASSIST_CLOCK_OFFSET_SECONDS`), and tests take "now" from it, so the whole suite can be run
/// at any hour of any day — the turn of a year included — and must pass there as anywhere.
enum TestClock {
    /// How far the suite's clock runs ahead of the system's: one number, so every process agrees.
    static let offsetSeconds: Double? = {
        guard let text = ProcessInfo.processInfo.environment["ASSIST_TEST_CLOCK_START"] else { return nil }
        guard let start = RFC3339.parse(text) else { fatalError("ASSIST_TEST_CLOCK_START is not an RFC 3339 time: \(text)") }
        return start.timeIntervalSinceNow
    }()

    static let shared: any WallClock = offsetSeconds.map { ShiftedClock(offsetSeconds: $0) } ?? SystemClock()

    static var now: Date { shared.now }

    /// What a child `assistd` needs in its environment to keep the same time (nothing when the suite runs on the system clock).
    static var environment: [String: String] {
        offsetSeconds.map { ["ASSIST_CLOCK_OFFSET_SECONDS": String($0)] } ?? [:]
    }
}
