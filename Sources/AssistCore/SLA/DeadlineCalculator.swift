import Foundation

/// Computes reaction deadlines on the production calendar.
///
/// Semantics (RULES.md, product decisions): working hours are summed over open intervals; a
/// budget that runs out exactly at closing time ends at closing time; working days put the
/// deadline at the same clock time on the N-th following working day, clamped to that day's
/// closing time; a ticket received outside hours starts its clock at the next opening.
/// Exact to the second.
public struct DeadlineCalculator: Sendable {
    public let calendar: ProductionCalendar
    /// The VIP schedule: `.vip` (10:00–20:00 working days) or `.aroundTheClock` (24x7).
    public let vipSchedule: WorkingSchedule

    /// Searching further than this for open time means the calendar has no working days at all.
    static let searchLimitDays = 3660

    public init(calendar: ProductionCalendar, vipSchedule: WorkingSchedule = .vip) {
        self.calendar = calendar
        self.vipSchedule = vipSchedule
    }

    public func schedule(for level: SLALevel) -> WorkingSchedule {
        level.usesVIPSchedule ? vipSchedule : .standard
    }

    public func deadline(for level: SLALevel, receivedAt received: Date) -> SLADeadline {
        let schedule = schedule(for: level)
        let start = received.roundedDownToSecond
        let clockStart = nextOpenInstant(atOrAfter: start, schedule: schedule)
        let (deadline, intervals) = switch level.budget {
        case .workingHours(let hours): addWorkingSeconds(hours * 3600, from: clockStart, schedule: schedule)
        case .workingDays(let days): (addWorkingDays(days, from: clockStart, schedule: schedule), [])
        }
        return SLADeadline(
            level: level, budget: level.budget, received: start, clockStart: clockStart, deadline: deadline,
            calendarRevision: calendar.revision,
            scheduleDescription: Self.describe(schedule),
            countedIntervals: intervals,
            notes: notes(from: start, to: deadline, schedule: schedule))
    }

    /// The first instant at or after `instant` when the line is open.
    public func nextOpenInstant(atOrAfter instant: Date, schedule: WorkingSchedule) -> Date {
        var date = MoscowTime.date(of: instant)
        var second = MoscowTime.secondsIntoDay(of: instant)
        for _ in 0..<Self.searchLimitDays {
            if let open = schedule.openHours(on: date, calendar: calendar), second < open.upperBound {
                return MoscowTime.instant(on: date, secondsIntoDay: max(second, open.lowerBound))
            }
            date = date.adding(days: 1)
            second = 0
        }
        return instant
    }

    /// `seconds` of open time after `start` (which must be open time or an opening).
    func addWorkingSeconds(_ seconds: Int, from start: Date, schedule: WorkingSchedule) -> (Date, [SLADeadline.CountedInterval]) {
        var remaining = seconds
        var date = MoscowTime.date(of: start)
        var second = MoscowTime.secondsIntoDay(of: start)
        var intervals: [SLADeadline.CountedInterval] = []
        for _ in 0..<Self.searchLimitDays {
            if let open = schedule.openHours(on: date, calendar: calendar), second < open.upperBound {
                let from = max(second, open.lowerBound)
                let available = open.upperBound - from
                let used = min(available, remaining)
                let intervalStart = MoscowTime.instant(on: date, secondsIntoDay: from)
                let intervalEnd = MoscowTime.instant(on: date, secondsIntoDay: from + used)
                if used > 0 {
                    intervals.append(.init(start: intervalStart, end: intervalEnd))
                }
                remaining -= used
                // `<=`: a budget that runs out exactly at closing time ends at closing time.
                if remaining == 0 { return (intervalEnd, intervals) }
            }
            date = date.adding(days: 1)
            second = 0
        }
        return (start, intervals)
    }

    /// The same clock time as `start` on the `days`-th following working day, clamped to its closing.
    func addWorkingDays(_ days: Int, from start: Date, schedule: WorkingSchedule) -> Date {
        var date = MoscowTime.date(of: start)
        let clock = MoscowTime.secondsIntoDay(of: start)
        var counted = 0
        for _ in 0..<Self.searchLimitDays where counted < days {
            date = date.adding(days: 1)
            if schedule.openHours(on: date, calendar: calendar) != nil { counted += 1 }
        }
        guard let open = schedule.openHours(on: date, calendar: calendar) else { return start }
        return MoscowTime.instant(on: date, secondsIntoDay: min(max(clock, open.lowerBound), open.upperBound))
    }

    private func notes(from start: Date, to end: Date, schedule: WorkingSchedule) -> [String] {
        guard !schedule.isAroundTheClock else { return [] }
        let first = MoscowTime.date(of: start).year, last = MoscowTime.date(of: end).year
        return (first...max(first, last)).filter { !calendar.covers($0) }.map {
            "The production calendar has no data for \($0): ordinary weekends were assumed. An admin should add that year."
        }
    }

    static func describe(_ schedule: WorkingSchedule) -> String {
        if schedule.isAroundTheClock { return "24x7" }
        func clock(_ seconds: Int) -> String { "\(String(seconds / 3600).leftPadded(to: 2)):\(String(seconds % 3600 / 60).leftPadded(to: 2))" }
        return "\(clock(schedule.opensAt))–\(clock(schedule.closesAt)) working-day"
    }
}

extension Date {
    /// Deadlines are exact to the second; fractions would only make them disagree on display.
    var roundedDownToSecond: Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
