/// One documented operation of the API, the source of the OpenAPI document.
struct APIOperation: Sendable {
    enum FieldType: String, Sendable {
        case string, integer, boolean, stringArray, object
    }

    let method: String
    /// OpenAPI form: `/v1/tickets/{tid}`.
    let path: String
    let summary: String
    /// Nil for public operations; otherwise who may call it.
    let roles: String?
    let query: [String]
    /// Request body fields (name, type, required); nil when there is no body.
    let body: [(name: String, type: FieldType, required: Bool)]?
    let success: Int
    /// The media types of the success answer.
    let answers: [String]

    init(
        _ method: String, _ path: String, _ summary: String, roles: String?, query: [String] = [],
        body: [(name: String, type: FieldType, required: Bool)]? = nil, success: Int = 200, answers: [String] = ["application/json"]
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.roles = roles
        self.query = query
        self.body = body
        self.success = success
        self.answers = answers
    }
}
