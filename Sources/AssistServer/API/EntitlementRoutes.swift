import AssistDesk
import Hummingbird

/// the one-time phone install, shown, recorded on a ticket, restored by an admin.
struct EntitlementRoutes {
    let desk: EntitlementDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/customers/:id/entitlements") { _, context in
            APIResponse(.ok, try await desk.show(try context.actor(), customerId: try CustomerID.from(context)))
        }
        group.post("/customers/:id/entitlements/phone-install/restore") { request, context in
            let input = try await RequestJSON.decode(
                EntitlementDesk.Restore.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.restorePhoneInstall(try context.actor(), customerId: try CustomerID.from(context), input))
        }
        group.post("/tickets/:tid/phone-install") { _, context in
            let recorded = try await desk.recordPhoneInstall(try context.actor(), tid: context.parameters.get("tid") ?? "")
            return APIResponse(.created, recorded)
        }
    }
}
