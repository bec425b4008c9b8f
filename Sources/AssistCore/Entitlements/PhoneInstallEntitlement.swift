import Foundation

/// each customer has exactly one phone-assisted initial installation.
public struct PhoneInstallEntitlement: Sendable, Equatable, Codable {
    public let customerId: Int64
    public let available: Bool
    /// The use that consumed it, while it is consumed.
    public let usedAt: Date?
    public let usedByUserId: Int64?
    public let usedOnTicket: String?
    /// How many times an admin gave it back.
    public let restorations: Int

    public init(customerId: Int64, available: Bool, usedAt: Date?, usedByUserId: Int64?, usedOnTicket: String?, restorations: Int) {
        self.customerId = customerId
        self.available = available
        self.usedAt = usedAt
        self.usedByUserId = usedByUserId
        self.usedOnTicket = usedOnTicket
        self.restorations = restorations
    }
}
