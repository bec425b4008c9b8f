import AssistCore

/// `POST /v1/inbound`: one e-mail as the mail gateway hands it over.
public struct InboundMail: Decodable {
    public let from: String
    public let subject: String
    public let body: String
    /// Its Message-ID, so a letter handed in twice is filed once.
    public let messageId: String?
    /// The receiving MTA's `Authentication-Results` header value (RFC 8601), read only when its
    /// `authserv-id` is one the desk trusts (`mail.authservId`).
    public let authenticationResults: String?
    /// The letter's `To` and `Cc` addresses: R-5, a letter to the head of support's published
    /// address (`support.headAddress`) escalates, as it does through the mailbox.
    public let to: [String]?
    public let cc: [String]?

    public init(
        from: String, subject: String, body: String, messageId: String? = nil, authenticationResults: String? = nil,
        to: [String]? = nil, cc: [String]? = nil
    ) {
        self.from = from
        self.subject = subject
        self.body = body
        self.messageId = messageId
        self.authenticationResults = authenticationResults
        self.to = to
        self.cc = cc
    }
}
