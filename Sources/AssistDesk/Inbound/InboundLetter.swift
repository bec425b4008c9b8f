import AssistCore

/// A customer's letter as the mail channel hands it to the desk: already parsed, already
/// known not to be automatic (the channel drops auto-replies, lists and bounces first).
public struct InboundLetter: Sendable {
    public let from: String
    public let subject: String
    public let text: String
    /// Its own Message-ID: the same letter delivered twice is filed once.
    public let messageId: String?
    /// `In-Reply-To` and `References`: how it threads onto our letters.
    public let threadIds: [String]
    /// The files attached, unchecked (R-4.6 is the desk's to apply).
    public let attachments: [IncomingFile]
    /// What the receiving server we trust wrote of the sender (`Authentication-Results`, RFC
    /// 8601); nil when it wrote nothing, or no server is trusted (`mail.authservId`).
    public let authenticationResults: [AuthenticationResult]?
    /// addressed (To or Cc) to the head of support's published address (`support.headAddress`).
    public let toHeadOfSupport: Bool

    public init(
        from: String, subject: String, text: String, messageId: String?, threadIds: [String], attachments: [IncomingFile] = [],
        authenticationResults: [AuthenticationResult]? = nil, toHeadOfSupport: Bool = false
    ) {
        self.from = from
        self.subject = subject
        self.text = text
        self.messageId = messageId
        self.threadIds = threadIds
        self.attachments = attachments
        self.authenticationResults = authenticationResults
        self.toHeadOfSupport = toHeadOfSupport
    }
}
