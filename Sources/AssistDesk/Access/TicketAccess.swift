import AssistCore

/// Finds the ticket a TID names, if the actor may see it: staff see every ticket, a customer
/// user only its own customer's. Anything else is answered as if it did not exist.
enum TicketAccess {
    static func visibleTicket(
        _ tid: String, actor: UserAccount, tickets: any TicketStore, roles: [Role] = [.admin, .agent, .accounting, .customer]
    ) async throws -> Ticket {
        try actor.require(roles)
        guard TicketID.isValid(tid), let ticket = try await tickets.ticket(tid: tid), actor.maySee(customerId: ticket.customerId) else {
            throw DeskError.ticketNotFound
        }
        return ticket
    }
}
