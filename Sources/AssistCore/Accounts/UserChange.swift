/// Changes to a user; nil fields stay as they are.
public struct UserChange: Sendable, Equatable {
    public var displayName: String?
    public var phone: String?
    public var onDuty: Bool?
    public var disabled: Bool?
    /// Among staff roles only: a customer user belongs to its customer (made anew, not converted).
    public var role: Role?

    public init(displayName: String? = nil, phone: String? = nil, onDuty: Bool? = nil, disabled: Bool? = nil, role: Role? = nil) {
        self.displayName = displayName
        self.phone = phone
        self.onDuty = onDuty
        self.disabled = disabled
        self.role = role
    }
}
