/// The hours a support line is open on a working day, in Moscow time.
public struct WorkingSchedule: Sendable, Equatable {
    /// Opening, in seconds after midnight.
    public let opensAt: Int
    /// Closing on an ordinary working day, in seconds after midnight.
    public let closesAt: Int
    /// Open around the clock, every day (the VIP `24x7` switch); the calendar is ignored.
    public let isAroundTheClock: Bool

    /// working days 10:00–19:00.
    public static let standard = WorkingSchedule(opensAt: 10 * 3600, closesAt: 19 * 3600)
    /// VIP tickets, working days 10:00–20:00.
    public static let vip = WorkingSchedule(opensAt: 10 * 3600, closesAt: 20 * 3600)
    /// table reading of VIP: "24 hours, 7 days" (a configuration switch).
    public static let aroundTheClock = WorkingSchedule(opensAt: 0, closesAt: 24 * 3600, isAroundTheClock: true)

    /// Product decision (RULES ): a shortened pre-holiday day closes one hour early.
    public static let shortenedDayReduction = 3600

    public init(opensAt: Int, closesAt: Int, isAroundTheClock: Bool = false) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.isAroundTheClock = isAroundTheClock
    }

    /// The open interval of `date` in seconds after midnight, or nil on a day off.
    public func openHours(on date: LocalDate, calendar: ProductionCalendar) -> Range<Int>? {
        if isAroundTheClock { return 0..<(24 * 3600) }
        switch calendar.kind(of: date) {
        case .dayOff: return nil
        case .working: return opensAt..<closesAt
        case .shortened: return opensAt..<(closesAt - Self.shortenedDayReduction)
        }
    }
}
