import AssistCore
import AssistDesk
import AssistMail
import Foundation
import Hummingbird

/// A posted form: `application/x-www-form-urlencoded`, or `multipart/form-data` when it carries
/// files. Read once, by `WebSessionMiddleware` (which checks its CSRF token) or a public page.
struct WebForm: Sendable {
    private(set) var fields: [String: String] = [:]
    private(set) var files: [IncomingFile] = []

    /// The trimmed text of field `name`; empty when absent.
    subscript(_ name: String) -> String {
        fields[name]?.trimming(.whitespacesAndNewlines) ?? ""
    }

    /// The text of field `name` as typed (newlines kept), nil when absent or blank.
    func text(_ name: String) -> String? {
        let value = self[name]
        return value.isEmpty ? nil : fields[name]
    }

    static func read(_ request: Request, limit: Int) async throws -> WebForm {
        let buffer = try await request.body.collect(upTo: limit)
        let bytes = Array(buffer: buffer)
        if let boundary = request.headers[.contentType].flatMap(MultipartFormData.boundary(contentType:)) {
            var form = WebForm()
            for part in MultipartFormData.parts(bytes, boundary: boundary) {
                if let name = part.fileName {
                    // An empty file input still sends a part with no name and no bytes.
                    if !name.isEmpty || !part.bytes.isEmpty { form.files.append(IncomingFile(fileName: name, bytes: part.bytes)) }
                } else if form.fields[part.name] == nil {
                    form.fields[part.name] = String(decoding: part.bytes, as: UTF8.self)
                }
            }
            return form
        }
        return WebForm(urlEncoded: String(decoding: bytes, as: UTF8.self))
    }

    /// `a=1&b=x+y%21`: the first value of each name wins.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
    }

    /// What a page reads when no form was posted.
    static let empty = WebForm()

    private init() {}

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
