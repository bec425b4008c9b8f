/// A user about to be created, already validated.
public struct NewUser: Sendable, Equatable {
    public let displayName: String
    public let email: String?
    public let role: Role
    public let customerId: Int64?
    public let phone: String?

    public init(displayName: String, email: String?, role: Role, customerId: Int64?, phone: String?) {
        self.displayName = displayName
        self.email = email
        self.role = role
        self.customerId = customerId
        self.phone = phone
    }
}
