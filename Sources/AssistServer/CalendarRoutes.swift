import AssistCore
import Foundation
import Hummingbird

/// The production calendar: anyone may read it; admins add or correct a year, which
/// makes a new revision. Deadlines already given keep the revision they were computed with.
struct CalendarRoutes {
    let calendars: any CalendarStore
    let maxBodyBytes: Int

    func registerPublic(on router: Router<AssistRequestContext>) {
        router.get("/v1/calendar") { _, _ in
            let calendar = try await calendars.currentCalendar()
            return APIResponse(.ok, CalendarView(revision: calendar.revision, years: calendar.document.years))
        }
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/calendar/revisions") { _, context in
            _ = try context.requireRole(.admin)
            return APIResponse(.ok, try await calendars.calendarRevisions())
        }
        group.put("/calendar/years/:year") { request, context in
            let admin = try context.requireRole(.admin)
            let input = try await RequestJSON.decode(CalendarYearInput.self, from: request, limit: maxBodyBytes, fields: CalendarYearInput.fields)
            let key = context.parameters.get("year") ?? ""
            func dates(_ texts: [String], field: String) throws -> Set<LocalDate> {
                Set(try texts.map { text in
                    guard let date = LocalDate(text) else { throw Problem.invalidField(field, "holds '\(text)', which is not a date YYYY-MM-DD") }
                    return date
                })
            }
            var document = try await calendars.currentCalendar().document
            document.years[key] = ProductionCalendar.Year(
                holidays: try dates(input.holidays, field: "holidays"), workdays: try dates(input.workdays, field: "workdays"),
                shortened: try dates(input.shortened, field: "shortened"))
            do {
                _ = try ProductionCalendar(revision: 0, document: document)
            } catch let error as ProductionCalendar.DocumentError {
                throw Problem(status: .unprocessableContent, code: "invalid_calendar", title: "Invalid calendar", detail: error.description)
            }
            let note = try TextValidation.optionalLine(input.note, field: "note", maximum: 500) ?? "Year \(key) set"
            let saved = try await calendars.saveCalendar(document, note: note, by: admin.id, at: Date())
            return APIResponse(.created, CalendarView(revision: saved.revision, years: saved.document.years))
        }
    }
}
