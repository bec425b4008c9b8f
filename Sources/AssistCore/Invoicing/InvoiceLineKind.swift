/// A subscription line bills a contract's price; a metered line bills one metered session.
public enum InvoiceLineKind: String, Sendable, Codable, CaseIterable {
    case subscription
    case metered
}
