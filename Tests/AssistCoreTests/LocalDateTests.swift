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

    @Test("a date is exactly YYYY-MM-DD in ASCII digits: near-misses are refused", arguments: [
        "", "2026-11-2", "2026-11-255", "+026-11-25", " 026-11-25", "2026-11-25 ", "2026/11/25", "2026-11_25", "2026-1-125",
        "2026-11-2a", "２０２６-11-25", "٢٠٢٦-11-25", "2026-11-25\u{301}", "2026-11-2\u{0}", "2026-00-10", "2026-11-00", "2026-11-31",
    ])
    func nearMisses(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("a date parses from a whole string and from a part of a longer one")
    func parses() {
        #expect(LocalDate("0001-01-01") == LocalDate(year: 1, month: 1, day: 1))
        #expect(LocalDate("9999-12-31") == LocalDate(year: 9999, month: 12, day: 31))
        let text = "on 2026-11-25."
        #expect(LocalDate(text.dropFirst(3).prefix(10)) == LocalDate(year: 2026, month: 11, day: 25))
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
