import Foundation

/// who becomes responsible for a VIP ticket, and what making them responsible says —
/// the customer is given their phone (for clarifications; the work runs through the ticket), the
/// disclosure is audited and entered in the ticket's record; with nobody to take it, the admins
/// are told once. The store reads the facts (`VIPWaiting`) and writes the outcome.
public enum VIPAssignment {
    /// A candidate agent: on duty, enabled, with a phone.
    public struct Candidate: Sendable, Equatable {
        public let userId: Int64
        public let name: String
        public let phone: String
        public let openVIPTickets: Int
        /// When they were last made responsible for a VIP ticket; nil if never.
        public let lastAssignedAt: Date?

        public init(userId: Int64, name: String, phone: String, openVIPTickets: Int, lastAssignedAt: Date?) {
            self.userId = userId
            self.name = name
            self.phone = phone
            self.openVIPTickets = openVIPTickets
            self.lastAssignedAt = lastAssignedAt
        }
    }

    /// Making `agent` responsible for a VIP ticket: what is written with it.
    public struct Disclosure: Sendable, Equatable {
        public let agent: Candidate
        public let letter: OutgoingLetter
        public let audit: AuditNote
        public let note: TicketRecordNote
    }

    /// What to do for a VIP ticket waiting for its responsible agent.
    public enum Outcome: Sendable, Equatable {
        case disclose(Disclosure)
        /// Nobody can take it: these letters tell the admins (none when they were told already).
        case wait([OutgoingLetter])
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// The agent asked for is not an enabled agent on duty with a phone.
        case agentNotAvailable
    }

    /// Fewest open VIP tickets, then longest idle (never assigned counts as idlest), then the lowest id.
    public static func choose(from candidates: [Candidate]) -> Candidate? {
        candidates.min { a, b in
            if a.openVIPTickets != b.openVIPTickets { return a.openVIPTickets < b.openVIPTickets }
            switch (a.lastAssignedAt, b.lastAssignedAt) {
            case (nil, .some): return true
            case (.some, nil): return false
            case (.some(let x), .some(let y)) where x != y: return x < y
            default: return a.userId < b.userId
            }
        }
    }

    /// A waiting ticket, by the server itself (a ticket arrived, an agent came on duty).
    public static func assign(_ waiting: VIPWaiting) -> Outcome {
        if let agent = choose(from: waiting.candidates) { return .disclose(disclosure(of: waiting, to: agent, by: nil)) }
        guard !waiting.adminsTold else { return .wait([]) }
        return .wait((waiting.admins.isEmpty ? ["admins"] : waiting.admins).map { admin in
            OutgoingLetter(
                kind: "vip-pending", recipient: admin,
                (VIPContactNotice.pendingSubject(tid: waiting.tid), VIPContactNotice.pendingBody(tid: waiting.tid)))
        })
    }

    /// Staff hand the ticket to `agentUserId`, or (nil) to the best candidate but the current one;
    /// nil when there is nobody else.
    public static func reassign(_ waiting: VIPWaiting, to agentUserId: Int64?, by actor: Int64) throws(Refusal) -> Disclosure? {
        let agent: Candidate?
        if let agentUserId {
            guard let asked = waiting.candidates.first(where: { $0.userId == agentUserId }) else { throw .agentNotAvailable }
            agent = asked
        } else {
            agent = choose(from: waiting.candidates.filter { $0.userId != waiting.responsibleAgentId })
        }
        return agent.map { disclosure(of: waiting, to: $0, by: actor) }
    }

    static func disclosure(of waiting: VIPWaiting, to agent: Candidate, by actor: Int64?) -> Disclosure {
        Disclosure(
            agent: agent,
            letter: OutgoingLetter(
                kind: "vip-contact", recipient: waiting.sender,
                (VIPContactNotice.subject(tid: waiting.tid), VIPContactNotice.body(tid: waiting.tid, agentName: agent.name, phone: agent.phone))),
            audit: AuditNote(
                action: "vip.phone-disclosed", subject: "ticket:\(waiting.tid)",
                detail: "Phone of agent \(agent.userId) (\(agent.name)) disclosed to \(waiting.sender) as the responsible employee", actor: actor),
            note: TicketRecordNote(.stateChanged, "Responsible agent: \(agent.name); phone given to the customer (R-2.5.3)."))
    }
}
