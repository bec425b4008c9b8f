import AssistDesk
import Hummingbird

/// Remote-access sessions on tickets. Answers that carry credentials are `no-store`
/// (and so never kept for idempotent replay).
struct SessionRoutes {
    let desk: SessionDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets/:tid/sessions") { request, context in
            let input = try await RequestJSON.decode(SessionInputs.Open.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.open(try context.actor(), tid: context.parameters.get("tid") ?? "", input), noStore: true)
        }
        group.get("/tickets/:tid/sessions") { _, context in
            APIResponse(.ok, try await desk.list(try context.actor(), tid: context.parameters.get("tid") ?? ""))
        }
        group.get("/sessions/:id") { _, context in
            APIResponse(.ok, try await desk.show(try context.actor(), id: try id(context)))
        }
        group.get("/sessions/:id/credentials") { _, context in
            APIResponse(.ok, try await desk.credentials(try context.actor(), id: try id(context)), noStore: true)
        }
        group.post("/sessions/:id/join") { request, context in
            let input = try await RequestJSON.decode(SessionInputs.Join.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.join(try context.actor(), id: try id(context), input))
        }
        group.post("/sessions/:id/password") { request, context in
            let input = try await RequestJSON.decode(SessionInputs.Password.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.passPassword(try context.actor(), id: try id(context), input))
        }
        group.post("/sessions/:id/pin") { _, context in
            APIResponse(.ok, try await desk.reissuePIN(try context.actor(), id: try id(context)), noStore: true)
        }
        group.post("/sessions/:id/end") { _, context in
            APIResponse(.ok, try await desk.end(try context.actor(), id: try id(context)))
        }
        group.post("/sessions/:id/cancel") { _, context in
            APIResponse(.ok, try await desk.cancel(try context.actor(), id: try id(context)))
        }
    }

    private func id(_ context: AssistRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw DeskError.sessionNotFound }
        return id
    }
}
