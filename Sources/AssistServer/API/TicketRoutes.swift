import AssistCore
import AssistDesk
import Hummingbird

/// Tickets (R-4.2 … ), the outbox and the queue: parse, call the desk, answer.
struct TicketRoutes {
    let desk: TicketDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.NewTicket.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.create(try context.actor(), input, via: .api))
        }
        group.get("/tickets") { request, context in
            let query = try QueryParameters(request, allowed: ["state", "customerId"])
            let state = try query.value(
                "state", expected: "a ticket state, one of \(TicketState.allCases.map(\.rawValue).joined(separator: ", "))", TicketState.init(rawValue:))
            return APIResponse(.ok, try await desk.list(try context.actor(), state: state, customerId: try query.id("customerId")))
        }
        group.get("/tickets/:tid") { _, context in
            APIResponse(.ok, try await desk.view(try context.actor(), tid: tid(context)))
        }
        group.post("/tickets/:tid/messages") { request, context in
            if let boundary = MessageUpload.boundary(of: request) {
                let (input, files) = try await MessageUpload.read(request, boundary: boundary, limit: maxBodyBytes)
                return APIResponse(.created, try await desk.reply(try context.actor(), tid: tid(context), input, attachments: files, via: .api))
            }
            let input = try await RequestJSON.decode(TicketInputs.Reply.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.reply(try context.actor(), tid: tid(context), input, via: .api))
        }
        group.get("/tickets/:tid/attachments/:id") { _, context in
            guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw Problem.invalidField("id", "must be a whole number") }
            return AttachmentDownload.response(try await desk.attachment(try context.actor(), tid: tid(context), id: id))
        }
        group.post("/tickets/:tid/state") { request, context in
            let input = try await RequestJSON.decode(
                TicketInputs.StateChange.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.changeState(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/level") { request, context in
            let input = try await RequestJSON.decode(
                TicketInputs.LevelChange.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.changeLevel(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/rating") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.Rating.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.rate(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/problems") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.Problem.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.addProblem(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/split") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.Split.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.split(try context.actor(), tid: tid(context), input, via: .api))
        }
        group.post("/tickets/:tid/class") { request, context in
            let input = try await RequestJSON.decode(
                TicketInputs.ClassDecision.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.decideClass(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/escalation") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.Escalation.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.escalate(try context.actor(), tid: tid(context), input))
        }
        group.post("/tickets/:tid/reassign") { request, context in
            let input = try await RequestJSON.decode(TicketInputs.Reassign.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.reassign(try context.actor(), tid: tid(context), input))
        }
        group.get("/notifications") { _, context in
            APIResponse(.ok, try await desk.notifications(try context.actor()))
        }
        group.post("/notifications/:id/retry") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw DeskError.notFound("notification") }
            return APIResponse(.ok, try await desk.retryNotification(try context.actor(), id: id))
        }
        group.get("/notifications/flagged-addresses") { _, context in
            APIResponse(.ok, try await desk.flaggedAddresses(try context.actor()))
        }
        group.get("/queue") { _, context in
            APIResponse(.ok, try await desk.queue(try context.actor()))
        }
    }

    private func tid(_ context: AssistRequestContext) -> String {
        context.parameters.get("tid") ?? ""
    }
}
