import Foundation
import HTTPTypes
import Hummingbird

/// An error answer in RFC 9457 `application/problem+json` form.
///
/// `code` is stable for programs; `detail` is a sentence for people that says what to do.
/// Neither ever carries a secret, a stack trace or another customer's data.
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let title: String
    public let detail: String

    public init(status: HTTPResponse.Status, code: String, title: String, detail: String) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
    }

    public var headers: HTTPFields { [.contentType: "application/problem+json"] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: try json()))
    }

    /// The problem+json body.
    func json() throws -> ByteBuffer {
        let body = Body(type: "urn:assistbroker:problem:\(code)", title: title, status: Int(status.code), code: code, detail: detail)
        return ByteBuffer(data: try JSONEncoder.api.encode(body))
    }

    private struct Body: Encodable {
        let type: String
        let title: String
        let status: Int
        let code: String
        let detail: String
    }
}
