/// Changes to a user; nil fields stay as they are.
public struct UserChange: Sendable, Equatable {
    public var displayName: String?
    public var phone: String?
    public var onDuty: Bool?
    public var disabled: Bool?

    public init(displayName: String? = nil, phone: String? = nil, onDuty: Bool? = nil, disabled: Bool? = nil) {
        self.displayName = displayName
        self.phone = phone
        self.onDuty = onDuty
        self.disabled = disabled
    }
}
