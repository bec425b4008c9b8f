import AssistCore
import Foundation
import Testing

@testable import AssistStore

@Suite("Production calendar revisions in the database (R-2.2)")
struct CalendarStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_555_815)

    /// The built-in calendar with one more holiday in 2028, a year it has no data for.
    func document(holiday: LocalDate) throws -> ProductionCalendar.Document {
        var document = ProductionCalendar.builtIn.document
        document.years["2028"] = ProductionCalendar.Year(holidays: [holiday])
        return document
    }

    @Test("R-2.2 the calendar in force is always the newest saved revision: remembered between tickets, yet a new revision, even written by raw SQL, is seen at once")
    func newestRevisionInForce() async throws {
        let store = try AppDatabase.inMemory()
        let admin = try await store.createUser(NewUser(displayName: "A", email: nil, role: .admin, customerId: nil, phone: nil), at: now)
        #expect(try await store.currentCalendar() == .builtIn, "no revision saved: the built-in calendar")

        let third = try #require(LocalDate(year: 2028, month: 1, day: 3))
        _ = try await store.saveCalendar(try document(holiday: third), note: "2028 decree", by: admin.id, at: now)
        let first = try await store.currentCalendar()
        #expect(first.revision == 2)
        #expect(first.years[2028]?.holidays == [third])
        #expect(try await store.currentCalendar() == first, "asked again: the same revision")

        // A later revision replaces the remembered one for the very next request.
        let fourth = try #require(LocalDate(year: 2028, month: 1, day: 4))
        _ = try await store.saveCalendar(try document(holiday: fourth), note: "2028 decree amended", by: admin.id, at: now)
        let second = try await store.currentCalendar()
        #expect(second.revision == 3)
        #expect(second.years[2028]?.holidays == [fourth])

        // Not through the store: straight through the writer, as a repair would.
        try await store.writer.write { db in
            try db.execute(
                sql: "INSERT INTO calendarRevision (revision, document, note, createdByUserId, createdAt) SELECT 4, document, 'copy', createdByUserId, createdAt FROM calendarRevision WHERE revision = 2")
        }
        let copied = try await store.currentCalendar()
        #expect(copied.revision == 4)
        #expect(copied.years[2028]?.holidays == [third])
    }
}
