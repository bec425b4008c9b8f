import Foundation

/// What is kept of a bearer token: never the token itself, only its SHA-256.
public struct AccessTokenInfo: Sendable, Equatable, Codable {
    public let id: Int64
    public let userId: Int64
    public let label: String
    public let createdAt: Date
    public let expiresAt: Date
    public let revokedAt: Date?

    public init(id: Int64, userId: Int64, label: String, createdAt: Date, expiresAt: Date, revokedAt: Date?) {
        self.id = id
        self.userId = userId
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public func isActive(at instant: Date) -> Bool {
        revokedAt == nil && instant < expiresAt
    }
}
