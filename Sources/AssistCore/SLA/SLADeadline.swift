import Foundation

/// A reaction deadline and how it was reached, for people to check.
public struct SLADeadline: Sendable, Equatable {
    /// An interval of open time that counted towards the budget.
    public struct CountedInterval: Sendable, Equatable {
        public let start: Date
        public let end: Date
    }

    public let level: SLALevel
    public let budget: SLABudget
    /// When the ticket arrived.
    public let received: Date
    /// When the clock started: `received`, or the next opening if it arrived outside hours.
    public let clockStart: Date
    public let deadline: Date
    public let calendarRevision: Int
    public let scheduleDescription: String
    /// The open intervals summed (working hours), or the start and end day (working days).
    public let countedIntervals: [CountedInterval]
    /// Caveats, e.g. a year missing from the production calendar.
    public let notes: [String]

    /// The explanation in plain words, times in Moscow.
    public var explanation: [String] {
        var lines = ["Level \(level.rawValue): reaction within \(budget.description) on the \(scheduleDescription) schedule."]
        lines.append("Received \(MoscowTime.format(received)); the clock starts \(MoscowTime.format(clockStart)).")
        switch budget {
        case .workingHours:
            for interval in countedIntervals {
                let seconds = Int(interval.end.timeIntervalSince(interval.start))
                lines.append("Counted \(MoscowTime.format(interval.start)) – \(MoscowTime.format(interval.end)) (\(Self.duration(seconds))).")
            }
        case .workingDays(let days):
            lines.append("Same clock time on the \(Self.ordinal(days)) following working day, no later than its closing time.")
        }
        lines.append("Deadline \(MoscowTime.format(deadline)) (production calendar revision \(calendarRevision)).")
        return lines + notes
    }

    /// English ordinals as people write them: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd.
    public static func ordinal(_ number: Int) -> String {
        let suffix = switch (number % 10, number % 100) {
        case (_, 11...13): "th"
        case (1, _): "st"
        case (2, _): "nd"
        case (3, _): "rd"
        default: "th"
        }
        return "\(number)\(suffix)"
    }

    static func duration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60
        let parts = [(hours, "h"), (minutes, "min"), (rest, "s")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }
}
