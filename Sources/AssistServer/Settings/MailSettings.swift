import AssistMail

/// How notifications leave by e-mail: the relay, our sender address, optional credentials.
public struct MailSettings: Sendable, Equatable {
    public var relay: SMTPRelay
    /// The envelope sender and `From:`; its domain is our Message-IDs' domain.
    public var from: String
    /// The CA file that verifies the relay's certificate; nil: the system's trust store.
    public var relayCAPath: String?
    public var user: String?
    /// A file of mode 0600 holding the password (never the password itself in a setting).
    public var passwordFile: String?
    public var retry = RetrySchedule()
    /// A letter claimed longer ago than this was being sent by a process that died: it is
    /// claimed again (and may reach the relay twice: at least once).
    public var reclaimAfterSeconds = 600
    /// SMTP connections the delivery service works at once. 16 stays under what relays take
    /// from one client by default (Postfix accepts 50) and under the 20 Postfix's own client
    /// opens to one destination.
    public var connections = 16

    public init(relay: SMTPRelay, from: String) {
        self.relay = relay
        self.from = from
    }
}
