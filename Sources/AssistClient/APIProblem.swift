import Foundation

/// The server's answer when it refused a request: its problem+json, readable.
public struct APIProblem: Error, Sendable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let detail: String

    init(response: HTTPSResponse) {
        status = response.status
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        code = object?["code"] as? String ?? "http_\(response.status)"
        detail = object?["detail"] as? String ?? "The server answered \(response.status)."
    }

    public var description: String { "\(detail) (\(code))" }
}
