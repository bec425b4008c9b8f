import AssistDesk
import Hummingbird

/// A request's query read strictly: only the parameters a route knows, each at most once,
/// each value parsed or refused with `invalid_query` naming the parameter — never ignored,
/// so `?customerId=abc` cannot quietly widen a listing to every customer.
struct QueryParameters {
    private let values: [String: String]

    init(_ request: Request, allowed: Set<String>) throws {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                let accepted = allowed.isEmpty ? "this address takes none" : "send only \(allowed.sorted().joined(separator: ", "))"
                throw Problem.invalidQuery("The query parameter '\(name)' is not accepted here: \(accepted).")
            }
            guard values[name] == nil else { throw Problem.invalidQuery("The query parameter '\(name)' is given twice: send it once.") }
            if let problem = TextValidation.forbiddenCharacter(in: String(value), multiline: false) {
                throw Problem.invalidQuery("The query parameter '\(name)' \(problem).")
            }
            values[name] = String(value)
        }
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// The value of `name` through `parse`, nil when absent; `expected` says what to send.
    func value<T>(_ name: String, expected: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = values[name] else { return nil }
        guard let parsed = parse(text) else { throw Problem.invalidQuery("The query parameter '\(name)' must be \(expected).") }
        return parsed
    }

    /// A whole-number id, e.g. `customerId=7`.
    func id(_ name: String) throws -> Int64? {
        try value(name, expected: "a whole-number id, e.g. \(name)=7") { text in Int64(text).flatMap { $0 > 0 ? $0 : nil } }
    }
}
