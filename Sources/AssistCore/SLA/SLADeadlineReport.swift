import Foundation

/// The JSON form of a deadline, the same from the API and from `assistd sla deadline --json`.
/// Times are RFC 3339 in Moscow time (`+03:00`).
public struct SLADeadlineReport: Codable, Sendable, Equatable {
    public struct Interval: Codable, Sendable, Equatable {
        public let start: String
        public let end: String
    }

    public let level: String
    public let budget: String
    public let received: String
    public let clockStart: String
    public let deadline: String
    public let schedule: String
    public let calendarRevision: Int
    public let countedIntervals: [Interval]
    public let explanation: [String]

    public init(_ deadline: SLADeadline) {
        level = deadline.level.rawValue
        budget = deadline.budget.description
        received = MoscowTime.format(deadline.received)
        clockStart = MoscowTime.format(deadline.clockStart)
        self.deadline = MoscowTime.format(deadline.deadline)
        schedule = deadline.scheduleDescription
        calendarRevision = deadline.calendarRevision
        countedIntervals = deadline.countedIntervals.map {
            Interval(start: MoscowTime.format($0.start), end: MoscowTime.format($0.end))
        }
        explanation = deadline.explanation
    }
}
