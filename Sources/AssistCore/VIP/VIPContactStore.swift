import Foundation

/// Responsible agents and disclosed phones of VIP tickets.
public protocol VIPContactStore: Sendable {
    /// Assigns a responsible agent to every VIP ticket still waiting for one (oldest first),
    /// disclosing each phone; returns the contacts made. Called when a ticket arrives and
    /// when an agent comes on duty.
    func assignPendingVIPTickets(at instant: Date) async throws -> [VIPContact]
    /// Makes `agentUserId` (or, if nil, the best candidate but the current one) responsible.
    func reassignVIPTicket(ticketId: Int64, to agentUserId: Int64?, by userId: Int64, at instant: Date) async throws -> VIPContact?
    /// The contact currently disclosed for a ticket, if any.
    func vipContact(ticketId: Int64) async throws -> VIPContact?
}
