import AssistDesk
import Hummingbird

/// Customers, users and tokens: parse, call the desk, answer.
struct AccountRoutes {
    let desk: AccountDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/me") { _, context in
            APIResponse(.ok, try context.actor())
        }
        group.patch("/me") { request, context in
            let input = try await RequestJSON.decode(AccountInputs.DutyPatch.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.setOwnDuty(try context.actor(), input))
        }

        group.post("/customers") { request, context in
            let input = try await RequestJSON.decode(
                AccountInputs.NewCustomer.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.createCustomer(try context.actor(), input))
        }
        group.get("/customers") { _, context in
            APIResponse(.ok, try await desk.customers(try context.actor()))
        }
        group.get("/customers/:id") { _, context in
            APIResponse(.ok, try await desk.customer(try context.actor(), id: try CustomerID.from(context)))
        }

        group.post("/users") { request, context in
            let input = try await RequestJSON.decode(AccountInputs.NewUser.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.createUser(try context.actor(), input))
        }
        group.get("/users") { _, context in
            APIResponse(.ok, try await desk.users(try context.actor()))
        }
        group.get("/users/:id") { _, context in
            APIResponse(.ok, try await desk.user(try context.actor(), id: try id(context, "user")))
        }
        group.patch("/users/:id") { request, context in
            let input = try await RequestJSON.decode(AccountInputs.UserPatch.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.updateUser(try context.actor(), id: try id(context, "user"), input))
        }

        group.post("/users/:id/tokens") { request, context in
            let input = try await RequestJSON.decode(AccountInputs.NewToken.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.createToken(try context.actor(), userId: try id(context, "user"), input), noStore: true)
        }
        group.get("/users/:id/tokens") { _, context in
            APIResponse(.ok, try await desk.tokens(try context.actor(), userId: try id(context, "user")))
        }
        group.delete("/tokens/:id") { _, context in
            APIResponse(.ok, try await desk.revokeToken(try context.actor(), id: try id(context, "token")))
        }
    }

    private func id(_ context: AssistRequestContext, _ what: String) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw DeskError.notFound(what) }
        return id
    }
}
