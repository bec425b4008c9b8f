import AssistCore
import Foundation
import Hummingbird

/// Customers, users and tokens. Every route needs a token (`AuthMiddleware`); each checks
/// the role, and a customer user asking for another customer's data gets 404, not 403.
struct AccountRoutes {
    let store: any AccountStore
    let vip: any VIPContactStore
    let maxBodyBytes: Int
    /// How long a token lives when its creator does not say.
    static let defaultTokenDays = 90

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/me") { _, context in
            APIResponse(.ok, try context.requireRole(.admin, .agent, .accounting, .customer))
        }
        group.patch("/me") { request, context in try await setOwnDuty(request, context) }

        group.post("/customers") { request, context in try await createCustomer(request, context) }
        group.get("/customers") { _, context in
            let user = try context.requireRole(.admin, .agent, .accounting, .customer)
            let all = try await store.customers()
            return APIResponse(.ok, user.role == .customer ? all.filter { $0.id == user.customerId } : all)
        }
        group.get("/customers/:id") { _, context in
            APIResponse(.ok, try await CustomerAccess.visibleCustomer(context.parameters.get("id", as: Int64.self), context: context, store: store))
        }

        group.post("/users") { request, context in try await createUser(request, context) }
        group.get("/users") { _, context in
            _ = try context.requireRole(.admin)
            return APIResponse(.ok, try await store.users())
        }
        group.get("/users/:id") { _, context in
            let user = try context.requireRole(.admin, .agent, .accounting, .customer)
            guard let id = context.parameters.get("id", as: Int64.self),
                  user.role == .admin || user.id == id,
                  let found = try await store.user(id: id)
            else { throw Problem.notFound("user") }
            return APIResponse(.ok, found)
        }
        group.patch("/users/:id") { request, context in try await updateUser(request, context) }

        group.post("/users/:id/tokens") { request, context in try await createToken(request, context) }
        group.get("/users/:id/tokens") { _, context in
            _ = try context.requireRole(.admin)
            guard let id = context.parameters.get("id", as: Int64.self), try await store.user(id: id) != nil else {
                throw Problem.notFound("user")
            }
            return APIResponse(.ok, try await store.tokens(userId: id))
        }
        group.delete("/tokens/:id") { _, context in
            let user = try context.requireRole(.admin, .agent, .accounting, .customer)
            guard let id = context.parameters.get("id", as: Int64.self),
                  let token = try await store.token(id: id),
                  user.role == .admin || token.userId == user.id,
                  let revoked = try await store.revokeToken(id: id, at: Date())
            else { throw Problem.notFound("token") }
            return APIResponse(.ok, revoked)
        }
    }

    private func createCustomer(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<Customer> {
        _ = try context.requireRole(.admin)
        let input = try await RequestJSON.decode(
            AccountInputs.NewCustomer.self, from: request, limit: maxBodyBytes, fields: AccountInputs.NewCustomer.fields)
        let customer = try await store.createCustomer(
            name: try AccountValidation.name(input.name, field: "name"),
            inn: try AccountValidation.inn(input.inn), kpp: try AccountValidation.kpp(input.kpp), at: Date())
        return APIResponse(.created, customer)
    }

    private func createUser(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<UserAccount> {
        _ = try context.requireRole(.admin)
        let input = try await RequestJSON.decode(
            AccountInputs.NewUser.self, from: request, limit: maxBodyBytes, fields: AccountInputs.NewUser.fields)
        let role = try AccountValidation.role(input.role)
        if role == .customer, input.customerId == nil {
            throw Problem.invalidField("customerId", "is missing: a customer user belongs to a customer, give its id")
        }
        if role != .customer, input.customerId != nil {
            throw Problem.invalidField("customerId", "is only for customer users: leave it out for \(role.rawValue)")
        }
        let newUser = NewUser(
            displayName: try AccountValidation.name(input.displayName, field: "displayName"),
            email: try AccountValidation.email(input.email), role: role, customerId: input.customerId,
            phone: try AccountValidation.phone(input.phone))
        do {
            return APIResponse(.created, try await store.createUser(newUser, at: Date()))
        } catch AccountStoreError.emailTaken(let email) {
            throw Problem(
                status: .conflict, code: "email_taken", title: "E-mail address in use",
                detail: "Another user already has \(email): use a different address, or change that user.")
        } catch AccountStoreError.customerNotFound(let id) {
            throw Problem(
                status: .unprocessableContent, code: "customer_not_found", title: "No such customer",
                detail: "There is no customer \(id): create the customer first (POST /v1/customers).")
        }
    }

    private func updateUser(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<UserAccount> {
        _ = try context.requireRole(.admin)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound("user") }
        let input = try await RequestJSON.decode(
            AccountInputs.UserPatch.self, from: request, limit: maxBodyBytes, fields: AccountInputs.UserPatch.fields)
        let change = UserChange(
            displayName: try input.displayName.map { try AccountValidation.name($0, field: "displayName") },
            phone: try AccountValidation.phone(input.phone), onDuty: input.onDuty, disabled: input.disabled)
        guard let user = try await store.updateUser(id: id, change) else { throw Problem.notFound("user") }
        if change.onDuty == true || change.phone != nil {
            _ = try await vip.assignPendingVIPTickets(at: Date())
        }
        return APIResponse(.ok, user)
    }

    private func setOwnDuty(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<UserAccount> {
        let user = try context.requireRole(.agent)
        let input = try await RequestJSON.decode(
            AccountInputs.DutyPatch.self, from: request, limit: maxBodyBytes, fields: AccountInputs.DutyPatch.fields)
        guard let updated = try await store.updateUser(id: user.id, UserChange(onDuty: input.onDuty)) else {
            throw Problem.notFound("user")
        }
        if input.onDuty {
            // VIP tickets waiting for a responsible agent get one now.
            _ = try await vip.assignPendingVIPTickets(at: Date())
        }
        return APIResponse(.ok, updated)
    }

    private func createToken(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<IssuedToken> {
        _ = try context.requireRole(.admin)
        guard let id = context.parameters.get("id", as: Int64.self), let owner = try await store.user(id: id) else {
            throw Problem.notFound("user")
        }
        let input = try await RequestJSON.decode(
            AccountInputs.NewToken.self, from: request, limit: maxBodyBytes, fields: AccountInputs.NewToken.fields)
        let days = input.expiresInDays ?? Self.defaultTokenDays
        guard (1...3650).contains(days) else {
            throw Problem.invalidField("expiresInDays", "must be from 1 to 3650: send a number of days")
        }
        let label = try AccountValidation.name(input.label ?? "token", field: "label")
        let issued = try TokenIssuer.issue()
        let now = Date()
        let info = try await store.addToken(
            userId: owner.id, tokenHash: issued.hash, label: label, createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400))
        return APIResponse(
            .created, IssuedToken(id: info.id, userId: owner.id, label: label, token: issued.secret, expiresAt: info.expiresAt),
            noStore: true)
    }
}
