/// A mail account's user and password (the relay's or the polled mailbox's).
public struct MailCredentials: Sendable {
    public let user: String
    /// Read from a file of mode 0600; never logged, never in a failure's text.
    public let password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
