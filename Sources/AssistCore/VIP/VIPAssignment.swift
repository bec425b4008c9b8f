import Foundation

/// who becomes responsible for a VIP ticket.
public enum VIPAssignment {
    /// A candidate agent: on duty, enabled, with a phone.
    public struct Candidate: Sendable, Equatable {
        public let userId: Int64
        public let openVIPTickets: Int
        /// When they were last made responsible for a VIP ticket; nil if never.
        public let lastAssignedAt: Date?

        public init(userId: Int64, openVIPTickets: Int, lastAssignedAt: Date?) {
            self.userId = userId
            self.openVIPTickets = openVIPTickets
            self.lastAssignedAt = lastAssignedAt
        }
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
}
