import AssistCore

/// Who may see a customer's data: staff see every customer, a customer user only its own.
/// Anything else is answered as if the customer did not exist (404, not 403).
enum CustomerAccess {
    /// The customer `id` if it exists and the signed-in user may see it.
    static func visibleCustomer(_ id: Int64?, context: AssistRequestContext, store: any AccountStore) async throws -> Customer {
        let user = try context.requireRole(.admin, .agent, .accounting, .customer)
        guard let id, user.role != .customer || user.customerId == id, let customer = try await store.customer(id: id) else {
            throw Problem.notFound("customer")
        }
        return customer
    }
}
