import Foundation
import HTTPTypes
import Hummingbird

/// A JSON answer with a chosen status, encoded like every other API answer.
struct APIResponse<Value: Encodable & Sendable>: ResponseGenerator {
    let status: HTTPResponse.Status
    let value: Value
    /// For answers that carry a secret shown once (a new token): no cache may keep it.
    var noStore = false

    init(_ status: HTTPResponse.Status = .ok, _ value: Value, noStore: Bool = false) {
        self.status = status
        self.value = value
        self.noStore = noStore
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if noStore { headers[.cacheControl] = "no-store" }
        let body: ByteBuffer
        if let direct = value as? any DirectJSONAnswer {
            var writer = JSONAnswerWriter()
            direct.writeJSON(to: &writer)
            body = ByteBuffer(bytes: writer.bytes)
        } else {
            body = ByteBuffer(data: try JSONEncoder.api.encode(value))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
