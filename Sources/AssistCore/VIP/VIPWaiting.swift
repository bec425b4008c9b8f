/// What `VIPAssignment` needs to know about a VIP ticket that wants a responsible agent, as read
/// in the transaction that will write the outcome.
public struct VIPWaiting: Sendable, Equatable {
    public let ticketId: Int64
    public let tid: String
    /// Who the phone is given to: the ticket's sender.
    public let sender: String
    public let responsibleAgentId: Int64?
    /// Enabled agents on duty with a phone.
    public let candidates: [VIPAssignment.Candidate]
    /// The enabled admins' addresses.
    public let admins: [String]
    /// Whether the admins were told already that it waits.
    public let adminsTold: Bool

    public init(
        ticketId: Int64, tid: String, sender: String, responsibleAgentId: Int64?, candidates: [VIPAssignment.Candidate],
        admins: [String], adminsTold: Bool
    ) {
        self.ticketId = ticketId
        self.tid = tid
        self.sender = sender
        self.responsibleAgentId = responsibleAgentId
        self.candidates = candidates
        self.admins = admins
        self.adminsTold = adminsTold
    }
}
