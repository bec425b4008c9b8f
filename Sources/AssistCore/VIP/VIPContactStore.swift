import Foundation

/// Responsible agents and disclosed phones of VIP tickets. The store reads what
/// `VIPAssignment` needs (`VIPWaiting`) and writes what it decided, in one transaction.
public protocol VIPContactStore: Sendable {
    /// For every VIP ticket still waiting for a responsible agent (oldest first), writes what
    /// `decide` says: the agent made responsible and their phone disclosed, or letters to the
    /// admins. Returns the contacts made. Called when a ticket arrives and when an agent comes on duty.
    func assignPendingVIPTickets(at instant: Date, decide: @escaping @Sendable (VIPWaiting) -> VIPAssignment.Outcome) async throws -> [VIPContact]
    /// Makes the agent `decide` chooses responsible for the ticket; nil when it chooses nobody.
    func reassignVIPTicket(
        ticketId: Int64, at instant: Date, decide: @escaping @Sendable (VIPWaiting) throws -> VIPAssignment.Disclosure?
    ) async throws -> VIPContact?
    /// The contact currently disclosed for a ticket, if any.
    func vipContact(ticketId: Int64) async throws -> VIPContact?
}
