import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// Contracts, licence e-mails and commercial groups of a customer.
struct ContractRoutes {
    let desk: ContractDesk
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/customers/:id/contracts") { _, context in
            APIResponse(.ok, try await desk.contracts(try context.actor(), customerId: try CustomerID.from(context)))
        }
        group.post("/customers/:id/contracts") { request, context in
            let input = try await RequestJSON.decode(
                ContractInputs.NewContract.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.createContract(try context.actor(), customerId: try CustomerID.from(context), input))
        }
        group.get("/customers/:id/tier") { request, context in
            let query = try QueryParameters(request, allowed: ["at"])
            let at = try query.value("at", expected: "an RFC 3339 time with an offset, e.g. 2026-11-25T10:00:00+03:00", RFC3339.parse)
            return APIResponse(.ok, try await desk.tier(try context.actor(), customerId: try CustomerID.from(context), at: at))
        }
        group.get("/customers/:id/emails") { _, context in
            APIResponse(.ok, try await desk.licenceEmails(try context.actor(), customerId: try CustomerID.from(context)))
        }
        group.post("/customers/:id/emails") { request, context in
            let input = try await RequestJSON.decode(
                ContractInputs.LicenceEmail.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.addLicenceEmail(try context.actor(), customerId: try CustomerID.from(context), input))
        }
        group.delete("/customers/:id/emails/:email") { _, context in
            APIResponse(.ok, try await desk.removeLicenceEmail(
                try context.actor(), customerId: try CustomerID.from(context), email: context.parameters.get("email") ?? ""))
        }
        group.get("/customers/:id/groups") { _, context in
            APIResponse(.ok, try await desk.groups(try context.actor(), customerId: try CustomerID.from(context)))
        }
        group.post("/customers/:id/groups") { request, context in
            let input = try await RequestJSON.decode(ContractInputs.NewGroup.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.createGroup(try context.actor(), customerId: try CustomerID.from(context), input))
        }
        group.patch("/customers/:id/groups/:group") { request, context in
            let input = try await RequestJSON.decode(ContractInputs.GroupChange.self, from: request, limit: maxBodyBytes)
            return APIResponse(.ok, try await desk.changeGroup(
                try context.actor(), customerId: try CustomerID.from(context), groupId: try Self.groupId(context), input))
        }
        group.delete("/customers/:id/groups/:group") { _, context in
            APIResponse(.ok, try await desk.deleteGroup(try context.actor(), customerId: try CustomerID.from(context), groupId: try Self.groupId(context)))
        }
    }

    /// The `{group}` of a group's path; a malformed one is a group that does not exist.
    static func groupId(_ context: AssistRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("group", as: Int64.self) else { throw DeskError.notFound("commercial group") }
        return id
    }
}
