/// What billed assistance is for (R-3.2; the design card adds installation).
public enum MeteredKind: String, Sendable, Codable, CaseIterable {
    /// Help installing the product.
    case install
    /// Help installing an update.
    case update
    /// Finding and fixing problems after an update was installed incorrectly.
    case updateRepair = "update-repair"
}
