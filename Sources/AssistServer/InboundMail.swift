/// `POST /v1/inbound`: one e-mail as the mail gateway hands it over.
struct InboundMail: Decodable {
    let from: String
    let subject: String
    let body: String
    static let fields: Set<String> = ["from", "subject", "body"]
}
