import AssistDesk
import Hummingbird

/// Billed install/update help: start, stop, correct, list.
struct MeteringRoutes {
    let desk: MeteringDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets/:tid/metered") { request, context in
            let input = try await RequestJSON.decode(MeteringInputs.Start.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.start(try context.actor(), tid: context.parameters.get("tid") ?? "", input))
        }
        group.post("/metered/:id/stop") { _, context in
            APIResponse(.ok, try await desk.stop(try context.actor(), id: try id(context)))
        }
        group.post("/metered/:id/correction") { request, context in
            let input = try await RequestJSON.decode(
                MeteringInputs.Correction.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.correct(try context.actor(), id: try id(context), input))
        }
        group.get("/metered") { request, context in
            let query = try QueryParameters(request, allowed: ["ticket"])
            return APIResponse(.ok, try await desk.list(try context.actor(), tid: query["ticket"]))
        }
    }

    private func id(_ context: AssistRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw DeskError.notFound("metered session") }
        return id
    }
}
