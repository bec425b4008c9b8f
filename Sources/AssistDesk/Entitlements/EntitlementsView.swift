import AssistCore

/// A customer's entitlements as answered.
public struct EntitlementsView: Codable, Sendable {
    public let phoneInstall: PhoneInstallEntitlement
}
