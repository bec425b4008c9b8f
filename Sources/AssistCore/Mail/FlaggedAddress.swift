import Foundation

/// An address mail could not be delivered to, for staff to check with the customer.
public struct FlaggedAddress: Sendable, Equatable, Codable {
    public let address: String
    /// What the relay said, e.g. `550 5.1.1 unknown user`.
    public let reason: String
    public let flaggedAt: Date

    public init(address: String, reason: String, flaggedAt: Date) {
        self.address = address
        self.reason = reason
        self.flaggedAt = flaggedAt
    }
}
