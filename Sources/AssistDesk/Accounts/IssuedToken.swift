import Foundation

/// A new token as answered once: the secret is never shown again.
public struct IssuedToken: Codable, Sendable {
    public let id: Int64
    public let userId: Int64
    public let label: String
    public let token: String
    public let expiresAt: Date
}
