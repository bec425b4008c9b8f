import AssistCore

/// A deadline calculator over the calendar revision in force right now, so an admin's
/// calendar edit applies to the next ticket without a restart (earlier tickets keep theirs).
struct DeadlineCalculatorSource: Sendable {
    let calendars: any CalendarStore
    let vipSchedule: WorkingSchedule

    func current() async throws -> DeadlineCalculator {
        DeadlineCalculator(calendar: try await calendars.currentCalendar(), vipSchedule: vipSchedule)
    }
}
