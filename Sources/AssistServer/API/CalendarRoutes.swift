import AssistDesk
import Hummingbird

/// The production calendar: read by anyone, a year set by admins.
struct CalendarRoutes {
    let desk: CalendarDesk
    let maxBodyBytes: Int

    func registerPublic(on router: Router<AssistRequestContext>) {
        router.get("/v1/calendar") { _, _ in
            APIResponse(.ok, try await desk.current())
        }
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/calendar/revisions") { _, context in
            APIResponse(.ok, try await desk.revisions(try context.actor()))
        }
        group.put("/calendar/years/:year") { request, context in
            let input = try await RequestJSON.decode(CalendarYearInput.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.setYear(try context.actor(), year: context.parameters.get("year") ?? "", input))
        }
    }
}
