import AssistCore

/// A customer's entitlements as answered.
public struct EntitlementsView: Codable, Sendable {
    public let phoneInstall: PhoneInstallEntitlement
    /// Set when the call was covered by a commercial or VIP contract instead.
    public var coveredByContract: ContractTier? = nil
}
