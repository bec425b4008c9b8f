import Foundation

@testable import AssistServer

/// Holds every successful JSON answer the tests receive through `AccountFixture.call` to the
/// schema the OpenAPI document gives for its operation: a live answer that drifts from its
/// documented shape fails the test that received it.
enum DocumentedAnswers {
    // Parsed once and only read after: safe to share between the concurrent tests.
    nonisolated(unsafe) private static let document = (try? JSONSerialization.jsonObject(with: OpenAPIDocument.json)) as? [String: Any] ?? [:]
    nonisolated(unsafe) private static let validator = SchemaValidator(
        components: ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:])

    /// What is wrong with `body`, a 2xx answer to `method path`; empty when it matches, or when
    /// the answer is not JSON of a documented type.
    static func problems(method: String, path: String, status: Int, body: String) -> [String] {
        guard (200..<300).contains(status) else { return [] }
        let bare = String(path.split(separator: "?", maxSplits: 1).first ?? "")
        guard let operation = OpenAPIDocument.operation(method: method, path: bare) else {
            return ["\(method) \(bare) is not in the OpenAPI document"]
        }
        guard operation.answer != nil,
              let documented = ((document["paths"] as? [String: Any])?[operation.path] as? [String: Any])?[operation.method] as? [String: Any],
              let response = (documented["responses"] as? [String: Any])?[String(operation.success)] as? [String: Any],
              let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
        else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else {
            return ["\(method) \(bare): the answer is not JSON"]
        }
        return validator.problems(value, schema).map { "\(method) \(operation.path): \($0)" }
    }
}
