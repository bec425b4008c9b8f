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

    static let internalError = Problem(
        status: .internalServerError, code: "internal_error", title: "Internal error",
        detail: "The server failed to answer this request; nothing was changed by it. Try again, and tell an admin if it persists.")

    static func invalidQuery(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_query", title: "Invalid query parameter", detail: detail)
    }

    static func invalidJSON(_ detail: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_json", title: "Invalid JSON", detail: detail)
    }

    static func invalidField(_ field: String, _ problem: String) -> Problem {
        Problem(status: .badRequest, code: "invalid_field", title: "Invalid field", detail: "The field '\(field)' \(problem).")
    }

    static let unauthenticated = Problem(
        status: .unauthorized, code: "unauthenticated", title: "Authentication required",
        detail: "Send your token as 'Authorization: Bearer <token>'; an admin issues tokens (assist tokens create).")

    static let invalidToken = Problem(
        status: .unauthorized, code: "invalid_token", title: "Invalid token",
        detail: "The token is unknown, expired or revoked, or its user is disabled: ask an admin for a new one.")

    static func forbidden(_ detail: String) -> Problem {
        Problem(status: .forbidden, code: "forbidden", title: "Not allowed", detail: detail)
    }

    static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, code: "not_found", title: "Not found", detail: "There is no \(what) with that id: check the id.")
    }

    static let ticketNotFound = Problem(
        status: .notFound, code: "ticket_not_found", title: "No such ticket",
        detail: "There is no ticket with that TID for you: check it, e.g. TID-2026-000042.")

    /// R-1.5: the one-time phone install is spent; remote access is the way now (R-1.4).
    static func phoneInstallUsed(usedOn tid: String?) -> Problem {
        Problem(
            status: .conflict, code: "phone_install_used", title: "Phone install already used",
            detail: "The customer's one-time phone install was used\(tid.map { " on \($0)" } ?? ""): help now goes through remote access with TeamViewer or AmmyAdmin (R-1.4, R-1.5).")
    }
}
