import AssistCore
import Foundation
import Testing

@Suite("Production calendar")
struct ProductionCalendarTests {
    @Test("R-2.2 the built-in calendar has the decrees' working-day counts for 2024–2027")
    func workingDayCounts() {
        let expected = [2024: 248, 2025: 247, 2026: 247, 2027: 247]
        for (year, count) in expected {
            let first = LocalDate(year: year, month: 1, day: 1)!.daysSinceEpoch
            let last = LocalDate(year: year, month: 12, day: 31)!.daysSinceEpoch
            let working = (first...last).filter { ProductionCalendar.builtIn.isWorkingDay(LocalDate(daysSinceEpoch: $0)) }.count
            #expect(working == count, "\(year)")
        }
    }

    @Test("day kinds: holiday, transferred working Saturday, shortened day, ordinary weekend")
    func kinds() {
        let calendar = ProductionCalendar.builtIn
        #expect(calendar.kind(of: LocalDate("2026-01-05")!) == .dayOff)
        #expect(calendar.kind(of: LocalDate("2025-11-01")!) == .shortened)
        #expect(calendar.kind(of: LocalDate("2024-12-28")!) == .working)
        #expect(calendar.kind(of: LocalDate("2026-11-03")!) == .shortened)
        #expect(calendar.kind(of: LocalDate("2026-11-28")!) == .dayOff)
        #expect(calendar.kind(of: LocalDate("2028-03-08")!) == .working)
        #expect(!calendar.covers(2028))
    }

    @Test("a calendar document with a date under the wrong year, or a weekday as a working weekend, is refused")
    func invalidDocuments() {
        let wrongYear = #"{"years": {"2028": {"holidays": ["2029-01-01"], "workdays": [], "shortened": []}}}"#
        let weekdayWorkday = #"{"years": {"2028": {"holidays": [], "workdays": ["2028-01-05"], "shortened": []}}}"#
        let badYear = #"{"years": {"28": {"holidays": [], "workdays": [], "shortened": []}}}"#
        let badDate = #"{"years": {"2028": {"holidays": ["2028-02-30"], "workdays": [], "shortened": []}}}"#
        for json in [wrongYear, weekdayWorkday, badYear, badDate, "{"] {
            #expect(throws: ProductionCalendar.DocumentError.self) {
                try ProductionCalendar(revision: 2, json: Data(json.utf8))
            }
        }
        let good = #"{"years": {"2028": {"holidays": ["2028-01-03"], "workdays": ["2028-01-08"], "shortened": ["2028-01-08"]}}}"#
        let calendar = try? ProductionCalendar(revision: 2, json: Data(good.utf8))
        #expect(calendar?.kind(of: LocalDate("2028-01-08")!) == .shortened)
        #expect(calendar?.document == (try? ProductionCalendar(revision: 3, document: calendar!.document))?.document)
    }
}

@Suite("Production calendar JSON")
struct ProductionCalendarJSONTests {
    @Test("a calendar encodes its dates in order, so the same calendar is the same bytes")
    func sortedEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // The same dates inserted in opposite orders encode to the same bytes.
        let dates = (1...28).compactMap { LocalDate("2031-02-\(String(format: "%02d", $0))") }
        var forward = ProductionCalendar.Document(years: [:]), backward = ProductionCalendar.Document(years: [:])
        var ascending = Set<LocalDate>(), descending = Set<LocalDate>()
        for date in dates { ascending.insert(date) }
        for date in dates.reversed() { descending.insert(date) }
        forward.years["2031"] = ProductionCalendar.Year(holidays: ascending, workdays: [], shortened: [])
        backward.years["2031"] = ProductionCalendar.Year(holidays: descending, workdays: [], shortened: [])
        #expect(try encoder.encode(forward) == encoder.encode(backward))
        // Every list in the built-in calendar comes out in date order.
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(ProductionCalendar.builtIn.document)) as? [String: Any]
        let years = try #require(object?["years"] as? [String: [String: [String]]])
        #expect(years.count >= 4)
        for (year, lists) in years {
            for (name, list) in lists {
                #expect(list == list.sorted() && Set(list).count == list.count, "\(year) \(name) is sorted, without repeats")
            }
        }
        #expect(years["2026"]?["holidays"]?.prefix(2) == ["2026-01-01", "2026-01-02"])
    }
}
