import AssistCore
import Foundation
import Hummingbird

/// Contracts, licence e-mails and commercial groups of a customer.
struct ContractRoutes {
    let accounts: any AccountStore
    let contracts: any ContractStore
    let tariffs: Tariffs
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/customers/:id/contracts") { _, context in
            let customer = try await visible(context)
            return APIResponse(.ok, try await contracts.contracts(customerId: customer.id))
        }
        group.post("/customers/:id/contracts") { request, context in try await createContract(request, context) }
        group.get("/customers/:id/tier") { request, context in
            let customer = try await visible(context)
            let query = try QueryParameters(request, allowed: ["at"])
            let at = try query.value("at", expected: "an RFC 3339 time with an offset, e.g. 2026-11-25T10:00:00+03:00", RFC3339.parse) ?? Date()
            let (tier, contract) = Contract.tierInForce(try await contracts.contracts(customerId: customer.id), at: at)
            return APIResponse(.ok, TierInForce(customerId: customer.id, at: MoscowTime.format(at), tier: tier, contract: contract))
        }

        group.get("/customers/:id/emails") { _, context in
            let customer = try await visible(context)
            return APIResponse(.ok, try await contracts.licenceEmails(customerId: customer.id))
        }
        group.post("/customers/:id/emails") { request, context in
            let customer = try await administered(context)
            let input = try await RequestJSON.decode(
                ContractInputs.LicenceEmail.self, from: request, limit: maxBodyBytes, fields: ContractInputs.LicenceEmail.fields)
            guard let email = try AccountValidation.email(input.email) else { throw Problem.invalidField("email", "is missing: add it") }
            try await contracts.addLicenceEmail(email, customerId: customer.id)
            return APIResponse(.ok, try await contracts.licenceEmails(customerId: customer.id))
        }
        group.delete("/customers/:id/emails/:email") { _, context in
            let customer = try await administered(context)
            let email = EmailAddress.normalized(context.parameters.get("email") ?? "") ?? ""
            guard try await contracts.removeLicenceEmail(email, customerId: customer.id) else {
                throw Problem(
                    status: .notFound, code: "not_found", title: "Not found",
                    detail: "That address is not on the customer's licence: check it against GET /v1/customers/\(customer.id)/emails.")
            }
            return APIResponse(.ok, try await contracts.licenceEmails(customerId: customer.id))
        }

        group.get("/customers/:id/groups") { _, context in
            let customer = try await visible(context)
            return APIResponse(.ok, try await contracts.groups(customerId: customer.id))
        }
        group.post("/customers/:id/groups") { request, context in
            let customer = try await administered(context)
            let input = try await RequestJSON.decode(
                ContractInputs.NewGroup.self, from: request, limit: maxBodyBytes, fields: ContractInputs.NewGroup.fields)
            let name = try AccountValidation.name(input.name, field: "name")
            let members = try input.members.map { try AccountValidation.email($0) ?? "" }
            do {
                return APIResponse(.created, try await contracts.createGroup(customerId: customer.id, name: name, members: members))
            } catch AccountStoreError.groupNameTaken(let name) {
                throw Problem(
                    status: .conflict, code: "group_name_taken", title: "Group name in use",
                    detail: "The customer already has a group called '\(name)': choose another name.")
            }
        }
    }

    private func visible(_ context: AssistRequestContext) async throws -> Customer {
        try await CustomerAccess.visibleCustomer(context.parameters.get("id", as: Int64.self), context: context, store: accounts)
    }

    private func administered(_ context: AssistRequestContext) async throws -> Customer {
        _ = try context.requireRole(.admin)
        return try await visible(context)
    }

    private func createContract(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<Contract> {
        let customer = try await administered(context)
        let input = try await RequestJSON.decode(
            ContractInputs.NewContract.self, from: request, limit: maxBodyBytes, fields: ContractInputs.NewContract.fields)
        guard let tier = ContractTier(rawValue: input.tier) else {
            throw Problem.invalidField("tier", "must be one of \(ContractTier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let term: ContractTerm
        if let text = input.term {
            guard let parsed = ContractTerm(rawValue: text) else {
                throw Problem.invalidField("term", "must be one of \(ContractTerm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            term = parsed
        } else {
            term = Tariffs.terms(for: tier)[0]
        }
        let startsOn = try input.startsOn.map { text in
            guard let date = LocalDate(text), RFC3339.supportedYears.contains(date.year) else {
                throw Problem.invalidField("startsOn", "must be a date YYYY-MM-DD from 2000 to 2100")
            }
            return date
        } ?? MoscowTime.date(of: Date())
        if let rounding = input.rounding {
            guard (1...3600).contains(rounding.incrementSeconds) else {
                throw Problem.invalidField("rounding.incrementSeconds", "must be 1 to 3600 seconds (60 bills every started minute)")
            }
            guard (0...28_800).contains(rounding.minimumSeconds) else {
                throw Problem.invalidField("rounding.minimumSeconds", "must be 0 to 28800 seconds (8 hours)")
            }
        }
        var contract: NewContract
        do {
            contract = try NewContract(customerId: customer.id, tier: tier, term: term, startsOn: startsOn, tariffs: tariffs)
            if let rounding = input.rounding {
                contract.rounding = RoundingRule(incrementSeconds: rounding.incrementSeconds, minimumSeconds: rounding.minimumSeconds)
            }
        } catch .vipMonthPriceMissing {
            throw Problem(
                status: .unprocessableContent, code: "vip_month_price_missing", title: "Monthly VIP price not configured",
                detail: "The regulation gives no monthly VIP price: an admin must set tariff.vipMonthKopecks (ASSIST_TARIFF_VIP_MONTH_KOPECKS) before a monthly VIP contract can be made.")
        } catch .termNotOffered(let tier, let term) {
            throw Problem(
                status: .unprocessableContent, code: "term_not_offered", title: "Term not offered",
                detail: "\(tier.rawValue) support is not sold for the term \(term.rawValue): use \(Tariffs.terms(for: tier).map(\.rawValue).joined(separator: " or ")).")
        }
        return APIResponse(.created, try await contracts.createContract(contract, at: Date()))
    }
}
