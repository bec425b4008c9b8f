import AssistCore
import Foundation
import Hummingbird

/// the one-time phone install. Agents record it on a ticket (consuming it); admins may
/// give it back with a reason; both are audited.
struct EntitlementRoutes {
    let accounts: any AccountStore
    let contracts: any ContractStore
    let tickets: any TicketStore
    let entitlements: any EntitlementStore
    let maxBodyBytes: Int

    struct Restore: Decodable {
        let reason: String
        static let fields: Set<String> = ["reason"]
    }

    struct EntitlementsView: Encodable, Sendable {
        let phoneInstall: PhoneInstallEntitlement
        /// Set when the call was covered by a commercial or VIP contract instead.
        var coveredByContract: ContractTier? = nil
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/customers/:id/entitlements") { _, context in
            let customer = try await CustomerAccess.visibleCustomer(context.parameters.get("id", as: Int64.self), context: context, store: accounts)
            return APIResponse(.ok, EntitlementsView(phoneInstall: try await entitlements.phoneInstall(customerId: customer.id)))
        }
        group.post("/customers/:id/entitlements/phone-install/restore") { request, context in
            let admin = try context.requireRole(.admin)
            let customer = try await CustomerAccess.visibleCustomer(context.parameters.get("id", as: Int64.self), context: context, store: accounts)
            let input = try await RequestJSON.decode(Restore.self, from: request, limit: maxBodyBytes, fields: Restore.fields)
            let reason = try TextValidation.text(input.reason, field: "reason", maximum: 500)
            do {
                let restored = try await entitlements.restorePhoneInstall(customerId: customer.id, reason: reason, by: admin.id, at: Date())
                return APIResponse(.ok, EntitlementsView(phoneInstall: restored))
            } catch EntitlementError.phoneInstallAvailable {
                throw Problem(
                    status: .conflict, code: "phone_install_available", title: "Nothing to restore",
                    detail: "The customer's one-time phone install has not been used: there is nothing to restore.")
            }
        }
        group.post("/tickets/:tid/phone-install") { _, context in
            let (agent, ticket) = try await TicketAccess.visibleTicket(context, tickets: tickets, roles: [.admin, .agent])
            // commercial and VIP support include the phone; the one-time install stays unspent.
            let tier = Contract.tierInForce(try await contracts.contracts(customerId: ticket.customerId), at: Date()).tier
            if tier == .commercial || tier == .vip {
                return APIResponse(
                    .ok, EntitlementsView(phoneInstall: try await entitlements.phoneInstall(customerId: ticket.customerId), coveredByContract: tier))
            }
            do {
                let used = try await entitlements.usePhoneInstall(
                    customerId: ticket.customerId, ticketId: ticket.id, tid: ticket.tid, by: agent.id, at: Date())
                return APIResponse(.created, EntitlementsView(phoneInstall: used))
            } catch EntitlementError.phoneInstallUsed(let usedOn) {
                throw Problem.phoneInstallUsed(usedOn: usedOn)
            }
        }
    }
}
