import AssistCore
import Hummingbird

/// `GET /v1/audit?subject=…`: the audit log, for admins.
struct AuditRoutes {
    let audit: any AuditLog

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/audit") { request, context in
            _ = try context.requireRole(.admin)
            let query = try QueryParameters(request, allowed: ["subject"])
            return APIResponse(.ok, try await audit.auditEntries(subject: query["subject"]))
        }
    }
}
