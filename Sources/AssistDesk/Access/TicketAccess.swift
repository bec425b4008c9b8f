import AssistCore

/// Finds the ticket a TID names, if the actor may see it: staff see every ticket, a customer
/// user only its own customer's. Anything else is answered as if it did not exist.
enum TicketAccess {
    static func visibleTicket(
        _ tid: String, actor: UserAccount, tickets: any TicketStore, roles: [Role] = [.admin, .agent, .accounting, .customer]
    ) async throws -> Ticket {
        try checkRequest(tid, actor: actor, roles: roles)
        guard let ticket = try await tickets.ticket(tid: tid), actor.maySee(customerId: ticket.customerId) else {
            throw DeskError.ticketNotFound
        }
        return ticket
    }

    /// What `visibleTicket` checks before it reads — the role and the TID's form — which for
    /// staff, who see every ticket, is all of it: the store may then find the ticket itself, in
    /// the write that uses it (one trip to the database instead of two).
    static func checkStaffRequest(_ tid: String, actor: UserAccount, roles: [Role]) throws {
        precondition(!roles.contains(.customer), "a customer sees only its own customer's tickets: use visibleTicket")
        try checkRequest(tid, actor: actor, roles: roles)
    }

    private static func checkRequest(_ tid: String, actor: UserAccount, roles: [Role]) throws {
        try actor.require(roles)
        guard TicketID.isValid(tid) else { throw DeskError.ticketNotFound }
    }
}
