import AssistCore
import Foundation

/// the one-time phone install. Agents record it on a ticket (consuming it); admins may
/// give it back with a reason; both are audited.
public struct EntitlementDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock

    public struct Restore: Decodable, Sendable {
        public let reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    /// A customer's entitlements.
    public func show(_ actor: UserAccount, customerId: Int64) async throws -> EntitlementsView {
        let customer = try await CustomerAccess.visibleCustomer(customerId, actor: actor, accounts: stores.accounts)
        return EntitlementsView(phoneInstall: try await stores.entitlements.phoneInstall(customerId: customer.id))
    }

    /// An admin gives a used phone install back, with a reason.
    public func restorePhoneInstall(_ actor: UserAccount, customerId: Int64, _ input: Restore) async throws -> EntitlementsView {
        try actor.require(.admin)
        let customer = try await CustomerAccess.visibleCustomer(customerId, actor: actor, accounts: stores.accounts)
        let reason = try TextValidation.text(input.reason, field: "reason", maximum: 500)
        do {
            return EntitlementsView(
                phoneInstall: try await stores.entitlements.restorePhoneInstall(customerId: customer.id, reason: reason, by: actor.id, at: clock.now))
        } catch EntitlementError.phoneInstallAvailable {
            throw DeskError(
                .conflict, code: .phoneInstallAvailable, title: "Nothing to restore",
                detail: "The customer's one-time phone install has not been used: there is nothing to restore.")
        }
    }

    /// Records the free one-time phone install on a ticket without timing it, spending it —
    /// whatever the tier (R-1.5, `HelpStartRule.recordFree`). Once it is spent, phone help is
    /// timed and billed where the contract includes the phone, or not given.
    public func recordPhoneInstall(_ actor: UserAccount, tid: String) async throws -> EntitlementsView {
        let ticket = try await TicketAccess.visibleTicket(tid, actor: actor, tickets: stores.tickets, roles: [.admin, .agent])
        let entitlement = try await stores.entitlements.phoneInstall(customerId: ticket.customerId)
        do {
            try HelpStartRule.recordFree(entitlement)
        } catch {
            let tier = Contract.tierInForce(try await stores.contracts.contracts(customerId: ticket.customerId), at: clock.now).tier
            guard tier.includesPhone else { throw DeskError(error, tid: tid) }
            throw DeskError.phoneInstallUsed(usedOn: entitlement.usedOnTicket, billedOn: (tid, tier))
        }
        do {
            let used = try await stores.entitlements.usePhoneInstall(
                customerId: ticket.customerId, ticketId: ticket.id, tid: ticket.tid, by: actor.id, at: clock.now)
            return EntitlementsView(phoneInstall: used)
        } catch EntitlementError.phoneInstallUsed(let usedOn) {
            throw DeskError.phoneInstallUsed(usedOn: usedOn)
        }
    }
}
