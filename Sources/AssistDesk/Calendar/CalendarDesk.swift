import AssistCore
import Foundation

/// The production calendar: anyone may read it; admins add or correct a year, which
/// makes a new revision. Deadlines already given keep the revision they were computed with.
public struct CalendarDesk: Sendable {
    let calendars: any CalendarStore
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock

    /// The calendar in force, with its revision (no sign-in needed).
    public func current() async throws -> CalendarView {
        let calendar = try await calendars.currentCalendar()
        return CalendarView(revision: calendar.revision, years: calendar.document.years)
    }

    /// Every revision, for admins.
    public func revisions(_ actor: UserAccount) async throws -> [CalendarRevisionInfo] {
        try actor.require(.admin)
        return try await calendars.calendarRevisions()
    }

    /// Adds or corrects `year` (its holidays, working weekend days and shortened days): a new revision.
    public func setYear(_ actor: UserAccount, year key: String, _ input: CalendarYearInput) async throws -> CalendarView {
        try actor.require(.admin)
        let year = ProductionCalendar.Year(
            holidays: try Self.dates(input.holidays, field: "holidays"), workdays: try Self.dates(input.workdays, field: "workdays"),
            shortened: try Self.dates(input.shortened, field: "shortened"))
        let note = try TextValidation.optionalLine(input.note, field: "note", maximum: 500) ?? "Year \(key) set"
        // The year goes onto the calendar in force; should another admin save a revision in
        // between, onto theirs (a few tries): no one's year is lost to a later save.
        for _ in 0..<5 {
            let current = try await calendars.currentCalendar()
            var document = current.document
            document.years[key] = year
            if let problem = Self.problem(of: document) {
                throw DeskError(.unprocessable, code: .invalidCalendar, title: "Invalid calendar", detail: problem)
            }
            let years = document.years.keys.compactMap { Int($0) }.sorted()
            do {
                let saved = try await calendars.saveCalendar(
                    document, basedOn: current.revision, note: note, by: actor.id, at: clock.now,
                    audit: { AccessAudit.calendarSaved(revision: $0, years: years, note: note, by: actor.id) })
                return CalendarView(revision: saved.revision, years: saved.document.years)
            } catch CalendarStoreError.changedMeanwhile {
                continue
            }
        }
        throw DeskError(
            .conflict, code: .calendarBusy, title: "Calendar being edited",
            detail: "Other admins saved the calendar again and again while this change was made: send it once more.")
    }

    private static func dates(_ texts: [String], field: String) throws -> Set<LocalDate> {
        var dates: Set<LocalDate> = []
        for text in texts {
            guard let date = LocalDate(text) else { throw DeskError.invalidField(field, "holds '\(text)', which is not a date YYYY-MM-DD") }
            dates.insert(date)
        }
        return dates
    }

    /// What is wrong with the calendar document, or nil when it is a valid calendar.
    private static func problem(of document: ProductionCalendar.Document) -> String? {
        do {
            _ = try ProductionCalendar(revision: 0, document: document)
            return nil
        } catch {
            return error.description
        }
    }
}
