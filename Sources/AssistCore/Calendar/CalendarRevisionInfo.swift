import Foundation

/// One revision of the production calendar, as listed for admins.
public struct CalendarRevisionInfo: Sendable, Equatable, Codable {
    public let revision: Int
    public let years: [Int]
    public let note: String
    public let createdByUserId: Int64?
    /// Nil for revision 1, the calendar shipped in the binary.
    public let createdAt: Date?

    public init(revision: Int, years: [Int], note: String, createdByUserId: Int64?, createdAt: Date?) {
        self.revision = revision
        self.years = years
        self.note = note
        self.createdByUserId = createdByUserId
        self.createdAt = createdAt
    }
}
