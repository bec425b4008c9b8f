import AssistDesk
import Hummingbird

/// `GET /v1/audit`: the hash-chained audit log, for admins.
struct AuditRoutes {
    let desk: AuditDesk

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/audit") { request, context in
            let query = try QueryParameters(request, allowed: ["subject"])
            return APIResponse(.ok, try await desk.entries(try context.actor(), subject: query["subject"]))
        }
    }
}
