import Foundation
import Testing

@testable import AssistCore

@Suite("SLA deadline properties over 2024–2027")
struct DeadlinePropertyTests {
    let calculator = DeadlineCalculator(calendar: .builtIn)
    /// Reproducible pseudo-random starts: 2024-01-01 … 2027-12-20, any second.
    let starts: [Date] = {
        var generator = SplitMix64(seed: 2026)
        let first = moscow("2024-01-01T00:00").timeIntervalSince1970
        let span = moscow("2027-12-20T00:00").timeIntervalSince1970 - first
        return (0..<400).map { _ in Date(timeIntervalSince1970: first + Double(generator.next() % UInt64(span))) }.sorted()
    }()

    @Test("monotonic in the start: a later ticket never has an earlier deadline", arguments: SLALevel.allCases)
    func monotonic(level: SLALevel) {
        let deadlines = starts.map { calculator.deadline(for: level, receivedAt: $0).deadline }
        for (earlier, later) in zip(deadlines, deadlines.dropFirst()) {
            #expect(earlier <= later)
        }
    }

    @Test("never inside closed time: every deadline lies within its day's open hours", arguments: SLALevel.allCases)
    func neverClosed(level: SLALevel) {
        let schedule = calculator.schedule(for: level)
        for start in starts {
            let deadline = calculator.deadline(for: level, receivedAt: start).deadline
            let open = schedule.openHours(on: MoscowTime.date(of: deadline), calendar: .builtIn)
            let second = MoscowTime.secondsIntoDay(of: deadline)
            #expect(open.map { $0.lowerBound <= second && second <= $0.upperBound } == true, "\(MoscowTime.format(deadline))")
        }
    }

    @Test("adding a then b working hours equals adding a + b")
    func additive() {
        for (index, start) in starts.enumerated() {
            let a = index % 7 + 1, b = index % 5 + 1
            let clockStart = calculator.nextOpenInstant(atOrAfter: start, schedule: .standard)
            let twoSteps = calculator.addHours(b, to: calculator.addHours(a, to: clockStart))
            #expect(twoSteps == calculator.addHours(a + b, to: clockStart))
        }
    }

    @Test("the deadline is never before the clock start, and the clock never starts before receipt")
    func ordered() {
        for start in starts {
            for level in SLALevel.allCases {
                let result = calculator.deadline(for: level, receivedAt: start)
                #expect(result.received <= result.clockStart)
                #expect(result.clockStart < result.deadline)
            }
        }
    }
}

extension DeadlineCalculator {
    func addHours(_ hours: Int, to start: Date) -> Date {
        addWorkingSeconds(hours * 3600, from: start, schedule: .standard).0
    }
}

/// A tiny deterministic generator, so a failing case can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
