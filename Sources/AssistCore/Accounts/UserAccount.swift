import Foundation

/// A person who signs in with a bearer token.
public struct UserAccount: Sendable, Equatable, Codable {
    public let id: Int64
    public var displayName: String
    public var email: String?
    public let role: Role
    /// Set for, and only for, customer users.
    public let customerId: Int64?
    /// Agents: the number a VIP customer is given, in E.164 form.
    public var phone: String?
    /// Agents: whether they take VIP tickets now.
    public var onDuty: Bool
    public var disabled: Bool
    public let createdAt: Date

    public init(
        id: Int64, displayName: String, email: String?, role: Role, customerId: Int64?,
        phone: String?, onDuty: Bool, disabled: Bool, createdAt: Date
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.role = role
        self.customerId = customerId
        self.phone = phone
        self.onDuty = onDuty
        self.disabled = disabled
        self.createdAt = createdAt
    }
}
