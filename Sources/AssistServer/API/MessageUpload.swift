import AssistDesk
import AssistMail
import Foundation
import Hummingbird

/// A reply with files, sent as `multipart/form-data`: one `body` field with the text and
/// any number of `attachment` files. The files are checked by the desk, not here.
enum MessageUpload {
    /// The boundary when the request is an upload; nil for a JSON reply.
    static func boundary(of request: Request) -> String? {
        request.headers[.contentType].flatMap(MultipartFormData.boundary(contentType:))
    }

    static func read(_ request: Request, boundary: String, limit: Int) async throws -> (TicketInputs.Reply, [IncomingFile]) {
        let buffer = try await request.body.collect(upTo: limit)
        var text: String?
        var files: [IncomingFile] = []
        for part in MultipartFormData.parts(Array(buffer: buffer), boundary: boundary) {
            switch (part.name, part.fileName) {
            case ("body", nil):
                guard text == nil else { throw Problem.invalidField("body", "is sent twice: send one body field") }
                guard let decoded = String(validating: part.bytes, as: UTF8.self) else {
                    throw Problem.invalidField("body", "is not UTF-8 text: send the text in UTF-8")
                }
                text = decoded
            case ("attachment", let name?):
                files.append(IncomingFile(fileName: name, bytes: part.bytes))
            default:
                throw Problem(
                    status: .badRequest, code: "unknown_field", title: "Unknown field",
                    detail: "The form field '\(part.name.prefix(64))' is not accepted here: send a 'body' field and 'attachment' files.")
            }
        }
        guard let text else { throw Problem.invalidField("body", "is missing: add a 'body' field with the message text") }
        return (TicketInputs.Reply(body: text), files)
    }
}
