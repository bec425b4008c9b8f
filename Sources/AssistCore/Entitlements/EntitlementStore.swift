import Foundation

/// Persistence of support entitlements; each use and restoration is audited.
public protocol EntitlementStore: Sendable {
    func phoneInstall(customerId: Int64) async throws -> PhoneInstallEntitlement
    /// Consumes the customer's one-time phone install for a ticket, atomically: of any number of
    /// concurrent attempts exactly one succeeds; the rest throw `.phoneInstallUsed`.
    func usePhoneInstall(customerId: Int64, ticketId: Int64, tid: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement
    /// Gives it back (admins, with a reason). Throws `.phoneInstallAvailable` when it is not used.
    func restorePhoneInstall(customerId: Int64, reason: String, by userId: Int64, at instant: Date) async throws -> PhoneInstallEntitlement
}
