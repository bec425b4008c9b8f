import AssistCore
import Foundation
import Testing

@Suite("SLA reaction deadlines on the production calendar")
struct DeadlineTests {
    let calculator = DeadlineCalculator(calendar: .builtIn)

    func deadline(_ level: SLALevel, _ received: String) -> String {
        MoscowTime.format(calculator.deadline(for: level, receivedAt: moscow(received)).deadline)
    }

    @Test("R-2.5.2 within hours: commercial operational, 1 working hour")
    func withinHours() {
        #expect(deadline(.commercialOperational, "2026-11-25T11:20") == "2026-11-25T12:20:00+03:00")
    }

    @Test("R-2.2 received before opening: the clock starts at 10:00")
    func beforeOpening() {
        let result = calculator.deadline(for: .commercialOperational, receivedAt: moscow("2026-11-25T08:00"))
        #expect(MoscowTime.format(result.clockStart) == "2026-11-25T10:00:00+03:00")
        #expect(MoscowTime.format(result.deadline) == "2026-11-25T11:00:00+03:00")
    }

    @Test("R-2.2 received after closing: the clock starts at the next opening")
    func afterClosing() {
        #expect(deadline(.commercialOperational, "2026-11-25T19:30") == "2026-11-26T11:00:00+03:00")
        #expect(deadline(.commercialOperational, "2026-11-27T19:00") == "2026-11-30T11:00:00+03:00")
    }

    @Test("R-2.2 received on a public holiday (4 November 2026): counted from the next working day")
    func onHoliday() {
        #expect(deadline(.freeOperational, "2026-11-04T12:00") == "2026-11-05T14:00:00+03:00")
    }

    @Test("R-2.2 across the New Year holidays: 31 Dec 2025 and 1–11 Jan 2026 are skipped")
    func acrossNewYear() {
        let result = calculator.deadline(for: .commercialStandard, receivedAt: moscow("2025-12-30T17:00"))
        #expect(MoscowTime.format(result.deadline) == "2026-01-12T11:00:00+03:00")
        #expect(result.countedIntervals.count == 2)
        #expect(result.explanation.contains { $0.contains("Counted 2025-12-30T17:00:00+03:00 – 2025-12-30T19:00:00+03:00 (2 h)") })
    }

    @Test("R-2.2 a working Saturday (1 Nov 2025, also shortened to 18:00) counts")
    func workingSaturday() {
        #expect(deadline(.freeOperational, "2025-11-01T16:00") == "2025-11-05T12:00:00+03:00")
        #expect(deadline(.commercialOperational, "2025-10-31T18:30") == "2025-11-01T10:30:00+03:00")
    }

    @Test("R-2.2 a shortened pre-holiday day closes at 18:00 (VIP at 19:00)")
    func shortenedDay() {
        #expect(deadline(.commercialStandard, "2026-11-03T16:30") == "2026-11-05T11:30:00+03:00")
        #expect(deadline(.commercialOperational, "2026-11-03T18:15") == "2026-11-05T11:00:00+03:00")
        #expect(deadline(.vip, "2026-11-03T18:00") == "2026-11-03T19:00:00+03:00")
        // 45 minutes before the VIP line closes at 19:00, the other 15 after the 4 November holiday.
        #expect(deadline(.vip, "2026-11-03T18:15") == "2026-11-05T10:15:00+03:00")
    }

    @Test("a budget that runs out exactly at closing time ends at closing time, not next morning")
    func endsAtClosing() {
        #expect(deadline(.commercialStandard, "2026-11-25T16:00") == "2026-11-25T19:00:00+03:00")
        #expect(deadline(.vip, "2026-11-25T19:00") == "2026-11-25T20:00:00+03:00")
    }

    @Test("R-2.5.1 working days: the same clock time on the N-th following working day")
    func workingDays() {
        #expect(deadline(.freeStandard, "2026-11-25T15:00") == "2026-11-27T15:00:00+03:00")
        #expect(deadline(.freeStandard, "2026-11-27T15:00") == "2026-12-01T15:00:00+03:00")
        #expect(deadline(.freeStandard, "2026-11-02T12:00") == "2026-11-05T12:00:00+03:00")
    }

    @Test("the working-days explanation uses English ordinals (2nd, not 2-th)")
    func workingDaysExplanation() {
        let report = DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: moscow("2026-11-25T15:00"))
        #expect(report.explanation.contains("Same clock time on the 2nd following working day, no later than its closing time."))
        let ordinals = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 101, 111, 112].map(SLADeadline.ordinal)
        #expect(ordinals == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "24th", "101st", "111th", "112th"])
    }

    @Test("working days: clamped to the closing time of a shortened target day")
    func workingDaysClamped() {
        // Received Tue 28 Apr 2026 18:30; Wed 29 counts 1, Thu 30 Apr (shortened, closes 18:00) counts 2.
        #expect(deadline(.freeStandard, "2026-04-28T18:30") == "2026-04-30T18:00:00+03:00")
    }

    @Test("R-2.5.6 development: 24 working days")
    func development() {
        // From Mon 2 Nov 2026 12:00: 24 working days, 4 Nov is a holiday.
        #expect(deadline(.development, "2026-11-02T12:00") == "2026-12-07T12:00:00+03:00")
    }

    @Test("R-2.5.3 VIP: 1 hour on the 10:00–20:00 calendar by default; 24x7 when switched")
    func vip() {
        #expect(deadline(.vip, "2026-11-25T19:30") == "2026-11-26T10:30:00+03:00")
        let aroundTheClock = DeadlineCalculator(calendar: .builtIn, vipSchedule: .aroundTheClock)
        #expect(MoscowTime.format(aroundTheClock.deadline(for: .vip, receivedAt: moscow("2026-11-25T19:30")).deadline)
            == "2026-11-25T20:30:00+03:00")
        #expect(MoscowTime.format(aroundTheClock.deadline(for: .vip, receivedAt: moscow("2026-11-04T23:30")).deadline)
            == "2026-11-05T00:30:00+03:00")
    }

    @Test("R-2.5.4 / R-2.5.5 non-commercial 24 and consulting 40 working hours")
    func longBudgets() {
        // 24 h = 2 days and 6 h; from Wed 25 Nov 10:00: Wed 9, Thu 9, Fri 6 → Fri 16:00.
        #expect(deadline(.noncommercial, "2026-11-25T10:00") == "2026-11-27T16:00:00+03:00")
        // 40 h from Mon 30 Nov 10:00: Mon–Thu 36 h, Fri 4 h → Fri 4 Dec 14:00.
        #expect(deadline(.consulting, "2026-11-30T10:00") == "2026-12-04T14:00:00+03:00")
    }

    @Test("a deadline in a year the calendar does not cover says so")
    func missingYear() {
        let result = calculator.deadline(for: .development, receivedAt: moscow("2027-12-20T12:00"))
        #expect(result.notes.contains { $0.contains("no data for 2028") })
        #expect(result.calendarRevision == 1)
    }

    @Test("the deadline is exact to the second")
    func seconds() {
        #expect(deadline(.commercialOperational, "2026-11-25T11:20:37") == "2026-11-25T12:20:37+03:00")
    }
}
