/// One documented operation of the API, the source of the OpenAPI document.
///
/// Its request body and answer are the very types the route decodes and answers, so the
/// document's schemas come from the code (`JSONSchemaRecorder`) and cannot drift from it.
struct APIOperation: Sendable {
    let method: String
    /// OpenAPI form: `/v1/tickets/{tid}`.
    let path: String
    let summary: String
    /// Nil for public operations; otherwise who may call it.
    let roles: String?
    let query: [String]
    /// The JSON body the route decodes; nil when there is none.
    let body: (any Decodable.Type)?
    /// The JSON answer on success; nil for answers that are not a JSON value of ours (HTML, CSV, this document).
    let answer: (any Decodable.Type)?
    let success: Int
    /// The media types of the success answer.
    let answers: [String]
    /// Whether the body may also come as `multipart/form-data` with files.
    let uploads: Bool

    init(
        _ method: String, _ path: String, _ summary: String, roles: String?, query: [String] = [],
        body: (any Decodable.Type)? = nil, answer: (any Decodable.Type)?, success: Int = 200, answers: [String] = ["application/json"],
        uploads: Bool = false
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.roles = roles
        self.query = query
        self.body = body
        self.answer = answer
        self.success = success
        self.answers = answers
        self.uploads = uploads
    }
}
