import AssistCore
import Testing

@Suite("Dates and Moscow time")
struct LocalDateTests {
    @Test("days since epoch round-trip and weekdays are right across centuries")
    func roundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate("1970-01-01")?.weekday == 4)
        #expect(LocalDate("2026-11-25")?.weekday == 3)
        #expect(LocalDate("2024-02-29")?.weekday == 4)
        #expect(LocalDate("2000-02-29") != nil)
        #expect(LocalDate("2100-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("26-11-25") == nil)
    }

    @Test("Moscow is UTC+3: formatting and instants agree")
    func moscowTime() {
        let instant = moscow("2026-11-25T00:30:15")
        #expect(instant.timeIntervalSince1970 == 1_795_555_815)
        #expect(MoscowTime.format(instant) == "2026-11-25T00:30:15+03:00")
        #expect(MoscowTime.date(of: instant).description == "2026-11-25")
        #expect(MoscowTime.date(of: instant.addingTimeInterval(-3600)).description == "2026-11-24")
    }
}
