import AssistCore

/// Who may see a customer's data: staff see every customer, a customer user only its own.
/// Anything else is answered as if the customer did not exist (not found, not forbidden).
enum CustomerAccess {
    static func visibleCustomer(_ id: Int64, actor: UserAccount, accounts: any AccountStore) async throws -> Customer {
        try actor.require(.admin, .agent, .accounting, .customer)
        guard actor.maySee(customerId: id), let customer = try await accounts.customer(id: id) else {
            throw DeskError.notFound("customer")
        }
        return customer
    }
}
