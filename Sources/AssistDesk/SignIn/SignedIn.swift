import AssistCore

/// A new web session: the secret goes into the browser's cookie and nowhere else.
public struct SignedIn: Sendable {
    public let user: UserAccount
    public let session: WebSession
    /// The cookie value; the database keeps only its SHA-256.
    public let secret: String
}
