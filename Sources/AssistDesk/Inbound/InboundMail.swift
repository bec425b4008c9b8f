import AssistCore

/// `POST /v1/inbound`: one e-mail as the mail gateway hands it over.
public struct InboundMail: Decodable {
    public let from: String
    public let subject: String
    public let body: String
}
