import AssistCore

extension UserAccount {
    /// Itself, if its role is one of `roles`; otherwise a refusal naming who may.
    @discardableResult
    public func require(_ roles: Role...) throws -> UserAccount {
        try require(roles)
    }

    @discardableResult
    public func require(_ roles: [Role]) throws -> UserAccount {
        guard roles.contains(role) else {
            throw DeskError.forbidden("This needs the role \(roles.map(\.rawValue).joined(separator: " or ")); you are \(role.rawValue).")
        }
        return self
    }

    /// Whether this user may see `customerId`'s data: staff see every customer's, a customer
    /// user only its own.
    public func maySee(customerId: Int64) -> Bool {
        role != .customer || self.customerId == customerId
    }
}
