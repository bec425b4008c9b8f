import AssistCore

/// Finds the ticket a request names, if the signed-in user may see it: staff see every ticket,
/// a customer user only its own customer's. Anything else is answered as if it did not exist.
enum TicketAccess {
    static func visibleTicket(
        _ context: AssistRequestContext, tickets: any TicketStore, roles: [Role] = [.admin, .agent, .accounting, .customer]
    ) async throws -> (UserAccount, Ticket) {
        let user = try context.requireRole(roles)
        guard let tid = context.parameters.get("tid"), TicketID.isValid(tid),
              let ticket = try await tickets.ticket(tid: tid),
              user.role != .customer || user.customerId == ticket.customerId
        else { throw Problem.ticketNotFound }
        return (user, ticket)
    }
}
