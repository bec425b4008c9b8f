import AssistMail

/// The mailbox the desk polls for customers' letters (IMAP), as an alternative or an addition
/// to an MTA piping mail into `assistd ingest`.
public struct MailboxSettings: Sendable, Equatable {
    public var mailbox: IMAPMailbox
    public var user: String
    /// A file of mode 0600 holding the mailbox password (never the password itself in a setting).
    public var passwordFile: String
    /// The CA file that verifies the mailbox server; nil: the system's trust store.
    public var caPath: String?
    public var pollSeconds = 60

    public init(mailbox: IMAPMailbox, user: String, passwordFile: String) {
        self.mailbox = mailbox
        self.user = user
        self.passwordFile = passwordFile
    }
}
