import AssistCore
import Foundation

/// Contracts, licence e-mails and commercial groups of a customer.
public struct ContractDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let tariffs: Tariffs

    public func contracts(_ actor: UserAccount, customerId: Int64) async throws -> [Contract] {
        let customer = try await visible(customerId, actor)
        return try await stores.contracts.contracts(customerId: customer.id)
    }

    /// The tier in force at `at` (nil: now) and the contract that gives it.
    public func tier(_ actor: UserAccount, customerId: Int64, at requested: Date?) async throws -> TierInForce {
        let customer = try await visible(customerId, actor)
        let at = requested ?? clock.now
        let (tier, contract) = Contract.tierInForce(try await stores.contracts.contracts(customerId: customer.id), at: at)
        return TierInForce(customerId: customer.id, at: MoscowTime.format(at), tier: tier, contract: contract)
    }

    /// Makes a contract, priced from the tariffs, with its metered rounding rule.
    public func createContract(_ actor: UserAccount, customerId: Int64, _ input: ContractInputs.NewContract) async throws -> Contract {
        let customer = try await administered(customerId, actor)
        guard let tier = ContractTier(rawValue: input.tier) else {
            throw DeskError.invalidField("tier", "must be one of \(ContractTier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let term: ContractTerm
        if let text = input.term {
            guard let parsed = ContractTerm(rawValue: text) else {
                throw DeskError.invalidField("term", "must be one of \(ContractTerm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            term = parsed
        } else {
            term = Tariffs.terms(for: tier)[0]
        }
        let startsOn = try input.startsOn.map { text in
            guard let date = LocalDate(text), RFC3339.supportedYears.contains(date.year) else {
                throw DeskError.invalidField("startsOn", "must be a date YYYY-MM-DD from 2000 to 2100")
            }
            return date
        } ?? MoscowTime.date(of: clock.now)
        if let rounding = input.rounding {
            guard (1...3600).contains(rounding.incrementSeconds) else {
                throw DeskError.invalidField("rounding.incrementSeconds", "must be 1 to 3600 seconds (60 bills every started minute)")
            }
            guard (0...28_800).contains(rounding.minimumSeconds) else {
                throw DeskError.invalidField("rounding.minimumSeconds", "must be 0 to 28800 seconds (8 hours)")
            }
        }
        var contract: NewContract
        do {
            contract = try NewContract(customerId: customer.id, tier: tier, term: term, startsOn: startsOn, tariffs: tariffs)
            if let rounding = input.rounding {
                contract.rounding = RoundingRule(incrementSeconds: rounding.incrementSeconds, minimumSeconds: rounding.minimumSeconds)
            }
        } catch .vipMonthPriceMissing {
            throw DeskError(
                .unprocessable, code: .vipMonthPriceMissing, title: "Monthly VIP price not configured",
                detail: "The regulation gives no monthly VIP price: an admin must set tariff.vipMonthKopecks (ASSIST_TARIFF_VIP_MONTH_KOPECKS) before a monthly VIP contract can be made.")
        } catch .termNotOffered(let tier, let term) {
            throw DeskError(
                .unprocessable, code: .termNotOffered, title: "Term not offered",
                detail: "\(tier.rawValue) support is not sold for the term \(term.rawValue): use \(Tariffs.terms(for: tier).map(\.rawValue).joined(separator: " or ")).")
        }
        return try await stores.contracts.createContract(contract, at: clock.now, audit: { AccessAudit.contractCreated($0, by: actor.id) })
    }

    // MARK: - Licence e-mails and commercial groups

    public func licenceEmails(_ actor: UserAccount, customerId: Int64) async throws -> [String] {
        let customer = try await visible(customerId, actor)
        return try await stores.contracts.licenceEmails(customerId: customer.id)
    }

    public func addLicenceEmail(_ actor: UserAccount, customerId: Int64, _ input: ContractInputs.LicenceEmail) async throws -> [String] {
        let customer = try await administered(customerId, actor)
        guard let email = try AccountValidation.email(input.email) else { throw DeskError.invalidField("email", "is missing: add it") }
        try await stores.contracts.addLicenceEmail(
            email, customerId: customer.id, audit: AccessAudit.licenceEmailAdded(email, customerId: customer.id, by: actor.id), at: clock.now)
        return try await stores.contracts.licenceEmails(customerId: customer.id)
    }

    public func removeLicenceEmail(_ actor: UserAccount, customerId: Int64, email text: String) async throws -> [String] {
        let customer = try await administered(customerId, actor)
        let email = EmailAddress.normalized(text) ?? ""
        guard try await stores.contracts.removeLicenceEmail(
            email, customerId: customer.id, audit: AccessAudit.licenceEmailRemoved(email, customerId: customer.id, by: actor.id), at: clock.now)
        else {
            throw DeskError(
                .notFound, code: .notFound, title: "Not found",
                detail: "That address is not on the customer's licence: check it against GET /v1/customers/\(customer.id)/emails.")
        }
        return try await stores.contracts.licenceEmails(customerId: customer.id)
    }

    public func groups(_ actor: UserAccount, customerId: Int64) async throws -> [CommercialGroup] {
        let customer = try await visible(customerId, actor)
        return try await stores.contracts.groups(customerId: customer.id)
    }

    public func createGroup(_ actor: UserAccount, customerId: Int64, _ input: ContractInputs.NewGroup) async throws -> CommercialGroup {
        let customer = try await administered(customerId, actor)
        let name = try AccountValidation.name(input.name, field: "name")
        let members = try input.members.map { try AccountValidation.email($0) ?? "" }
        do {
            return try await stores.contracts.createGroup(
                customerId: customer.id, name: name, members: members, at: clock.now, audit: { AccessAudit.groupCreated($0, by: actor.id) })
        } catch AccountStoreError.groupNameTaken(let name) {
            throw DeskError(
                .conflict, code: .groupNameTaken, title: "Group name in use",
                detail: "The customer already has a group called '\(name)': choose another name.")
        }
    }

    /// a person who left is taken out of the group (and so loses the paid level by mail);
    /// a group is renamed; audited with before and after.
    public func changeGroup(_ actor: UserAccount, customerId: Int64, groupId: Int64, _ input: ContractInputs.GroupChange) async throws -> CommercialGroup {
        let customer = try await administered(customerId, actor)
        let name = try input.name.map { try AccountValidation.name($0, field: "name") }
        let adding = try (input.add ?? []).map { try AccountValidation.email($0) ?? "" }.filter { !$0.isEmpty }
        // Addresses to remove need not be valid today: one stored before the rules were strict still goes.
        let removing = (input.remove ?? []).map { EmailAddress.normalized($0) ?? $0 }
        guard name != nil || !adding.isEmpty || !removing.isEmpty else {
            throw DeskError.invalidField("name", "or add or remove must be given: say what changes")
        }
        do {
            return try await stores.contracts.changeGroup(
                id: groupId, customerId: customer.id, name: name, adding: adding, removing: removing, at: clock.now,
                audit: { AccessAudit.groupChanged(from: $0, to: $1, by: actor.id) })
        } catch AccountStoreError.groupNameTaken(let name) {
            throw DeskError(
                .conflict, code: .groupNameTaken, title: "Group name in use",
                detail: "The customer already has a group called '\(name)': choose another name.")
        } catch AccountStoreError.groupNotFound {
            throw Self.groupNotFound(groupId, customerId: customer.id)
        }
    }

    /// Deletes a group: its members lose the paid level by mail. Audited; the customer's groups after.
    public func deleteGroup(_ actor: UserAccount, customerId: Int64, groupId: Int64) async throws -> [CommercialGroup] {
        let customer = try await administered(customerId, actor)
        do {
            try await stores.contracts.deleteGroup(id: groupId, customerId: customer.id, at: clock.now, audit: { AccessAudit.groupDeleted($0, by: actor.id) })
        } catch AccountStoreError.groupNotFound {
            throw Self.groupNotFound(groupId, customerId: customer.id)
        }
        return try await stores.contracts.groups(customerId: customer.id)
    }

    static func groupNotFound(_ id: Int64, customerId: Int64) -> DeskError {
        DeskError(
            .notFound, code: .notFound, title: "Not found",
            detail: "The customer has no commercial group \(id): check it against GET /v1/customers/\(customerId)/groups.")
    }

    private func visible(_ customerId: Int64, _ actor: UserAccount) async throws -> Customer {
        try await CustomerAccess.visibleCustomer(customerId, actor: actor, accounts: stores.accounts)
    }

    private func administered(_ customerId: Int64, _ actor: UserAccount) async throws -> Customer {
        try actor.require(.admin)
        return try await visible(customerId, actor)
    }
}
