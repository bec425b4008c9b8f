import Foundation

/// A new token as answered once: the secret is never shown again.
struct IssuedToken: Encodable, Sendable {
    let id: Int64
    let userId: Int64
    let label: String
    let token: String
    let expiresAt: Date
}
