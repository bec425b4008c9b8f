import AssistDesk
import HTTPTypes

extension Problem {
    static let notFound = Problem(
        status: .notFound, code: "not_found", title: "Not found",
        detail: "There is nothing at this address. Check the path against GET /v1/openapi.json.")

    static func methodNotAllowed(allowed: [String]) -> Problem {
        Problem(
            status: .methodNotAllowed, code: "method_not_allowed", title: "Method not allowed",
            detail: allowed.isEmpty
                ? "This address does not take that method. Check the method against GET /v1/openapi.json."
                : "This address does not take that method: use \(allowed.joined(separator: " or ")).")
    }

    static func bodyTooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, code: "body_too_large", title: "Request body too large",
            detail: "The request body is larger than the \(limit) bytes this server accepts. Send less, or ask an admin to raise http.maxBodyBytes.")
    }

    static let badRequest = Problem(
        status: .badRequest, code: "bad_request", title: "Bad request",
        detail: "The request could not be understood. Check its syntax and headers.")

    /// The database a node works on cannot be reached (PostgreSQL restarting or failing over).
    static let databaseUnavailable = Problem(
        status: .serviceUnavailable, code: "database_unavailable", title: "Database unavailable",
        detail: "The database cannot be reached just now (a restart or a failover); nothing was changed by this request. Try again in a few seconds.")
    static let internalError = Problem(
        status: .internalServerError, code: "internal_error", title: "Internal error",
        detail: "The server failed to answer this request; nothing was changed by it. Try again, and tell an admin if it persists.")

    static func invalidQuery(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_query", title: "Invalid query parameter", detail: detail)
    }

    /// Nothing at this address, with a sentence saying why.
    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: detail)
    }

    static func duplicateField(_ path: String) -> Problem {
        Problem(status: .badRequest, code: "duplicate_field", title: "Field given twice", detail: "The field '\(path)' is given twice: send each field once.")
    }

    static func invalidJSON(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_json", title: "Invalid JSON", detail: detail)
    }

    /// The desk's own sentence: a field the body parser refuses reads like one the desk refuses.
    static func invalidField(_ field: String, _ problem: String) -> Problem {
        Problem(DeskError.invalidField(field, problem))
    }
}
