import Foundation

/// A person signed in to the web console. The browser holds a random secret in a cookie; the
/// database keeps only its SHA-256, so a copy of the database signs nobody in.
public struct WebSession: Sendable, Equatable {
    public let id: Int64
    public let userId: Int64
    /// The token every form of this session carries back (CSRF); random per session.
    public let csrfToken: String
    public let createdAt: Date
    public var lastSeenAt: Date

    public init(id: Int64, userId: Int64, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.id = id
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
