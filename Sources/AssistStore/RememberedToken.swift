import AssistCore
import Foundation

/// Whose an API token is, as remembered between requests, with the token's own expiry.
struct RememberedToken: Sendable {
    var user: UserAccount
    var expiresAt: Date
}
