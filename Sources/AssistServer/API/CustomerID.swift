import AssistDesk

/// The `{id}` of a `/customers/{id}/…` path; a malformed one is a customer that does not exist.
enum CustomerID {
    static func from(_ context: AssistRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw DeskError.notFound("customer") }
        return id
    }
}
