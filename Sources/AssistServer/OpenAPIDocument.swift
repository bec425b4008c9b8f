import AssistCore
import Foundation

/// The OpenAPI 3.1 document of every endpoint, served at `GET /v1/openapi.json` and kept in
/// the repository as `openapi.json` (regenerate with `assistd openapi > openapi.json`; a test
/// fails when the file, the document or the router disagree).
public enum OpenAPIDocument {
    static let staff = "admin, agent, accounting; customer: its own"

    static let operations: [APIOperation] = [
        .init("get", "/healthz", "Health, version and the TLS protocol of this request", roles: nil),
        .init("get", "/v1/connection", "This connection's TLS parameters and verified client certificate subject", roles: nil),
        .init("get", "/v1/openapi.json", "This document", roles: nil),
        .init("get", "/v1/sla/deadline", "The reaction deadline of a level for a ticket received at a time, explained", roles: nil, query: ["level", "from"]),
        .init("get", "/v1/calendar", "The production calendar in force, with its revision (R-2.2)", roles: nil),
        .init("get", "/v1/calendar/revisions", "Every revision of the production calendar", roles: "admin"),
        .init("put", "/v1/calendar/years/{year}", "Add or correct a year: a new calendar revision", roles: "admin",
              body: [("holidays", .stringArray, true), ("workdays", .stringArray, true), ("shortened", .stringArray, true), ("note", .string, false)],
              success: 201),
        .init("get", "/v1/me", "The signed-in user", roles: "anyone signed in"),
        .init("patch", "/v1/me", "Come on or go off duty", roles: "agent", body: [("onDuty", .boolean, true)]),
        .init("post", "/v1/customers", "Create a customer (INN and KPP checked)", roles: "admin",
              body: [("name", .string, true), ("inn", .string, false), ("kpp", .string, false)], success: 201),
        .init("get", "/v1/customers", "Customers", roles: staff),
        .init("get", "/v1/customers/{id}", "One customer", roles: staff),
        .init("post", "/v1/customers/{id}/contracts", "Make a contract, priced from the tariffs (R-2.6)", roles: "admin",
              body: [("tier", .string, true), ("term", .string, false), ("startsOn", .string, false), ("rounding", .object, false)],
              success: 201),
        .init("get", "/v1/customers/{id}/contracts", "Contracts", roles: staff),
        .init("get", "/v1/customers/{id}/tier", "The tier in force at a time", roles: staff, query: ["at"]),
        .init("post", "/v1/customers/{id}/emails", "Add an address to the licence (R-4.7)", roles: "admin", body: [("email", .string, true)]),
        .init("get", "/v1/customers/{id}/emails", "Addresses on the licence", roles: staff),
        .init("delete", "/v1/customers/{id}/emails/{email}", "Remove an address from the licence", roles: "admin"),
        .init("post", "/v1/customers/{id}/groups", "Create a commercial group (R-4.7)", roles: "admin",
              body: [("name", .string, true), ("members", .stringArray, true)], success: 201),
        .init("get", "/v1/customers/{id}/groups", "Commercial groups", roles: staff),
        .init("post", "/v1/users", "Create a user", roles: "admin",
              body: [("displayName", .string, true), ("role", .string, true), ("email", .string, false),
                     ("customerId", .integer, false), ("phone", .string, false)], success: 201),
        .init("get", "/v1/users", "Users", roles: "admin"),
        .init("get", "/v1/users/{id}", "One user", roles: "admin; anyone: themselves"),
        .init("patch", "/v1/users/{id}", "Change a user", roles: "admin",
              body: [("displayName", .string, false), ("phone", .string, false), ("onDuty", .boolean, false), ("disabled", .boolean, false)]),
        .init("post", "/v1/users/{id}/tokens", "Issue a token, shown once", roles: "admin",
              body: [("label", .string, false), ("expiresInDays", .integer, false)], success: 201),
        .init("get", "/v1/users/{id}/tokens", "A user's tokens, never the tokens themselves", roles: "admin"),
        .init("delete", "/v1/tokens/{id}", "Revoke a token", roles: "admin; anyone: their own"),
        .init("post", "/v1/tickets", "File a ticket (level by tier, class and sender; R-4.3 confirmation)", roles: "admin, agent, customer",
              body: [("subject", .string, true), ("description", .string, true), ("stepsToReproduce", .string, false),
                     ("productVersion", .string, true), ("problemClass", .string, true), ("senderEmail", .string, false),
                     ("customerId", .integer, false)], success: 201),
        .init("get", "/v1/tickets", "Tickets", roles: staff, query: ["state", "customerId"]),
        .init("get", "/v1/tickets/{tid}", "A ticket with its thread (and events, for staff)", roles: staff),
        .init("post", "/v1/tickets/{tid}/messages", "Reply; an agent's first reply stops the reaction clock", roles: "admin, agent, customer",
              body: [("body", .string, true)], success: 201),
        .init("post", "/v1/tickets/{tid}/state", "Change the state (postponed and refused need an R-4.9 reason)", roles: "admin, agent",
              body: [("state", .string, true), ("reason", .string, false)]),
        .init("post", "/v1/tickets/{tid}/level", "Move to consulting or development: a new clock (R-2.5.5, R-2.5.6)", roles: "admin, agent",
              body: [("level", .string, true)]),
        .init("post", "/v1/tickets/{tid}/rating", "Rate the work once, after resolution (R-5)", roles: "customer",
              body: [("score", .integer, true), ("comment", .string, false)]),
        .init("get", "/v1/customers/{id}/entitlements", "The customer's entitlements: the one-time phone install (R-1.5)", roles: staff),
        .init("post", "/v1/customers/{id}/entitlements/phone-install/restore", "Give the one-time phone install back, with a reason (audited)",
              roles: "admin", body: [("reason", .string, true)]),
        .init("post", "/v1/tickets/{tid}/phone-install", "Record the one-time phone install on a ticket, consuming it (audited)",
              roles: "admin, agent", success: 201),
        .init("get", "/v1/audit", "The hash-chained audit log", roles: "admin", query: ["subject"]),
        .init("post", "/v1/tickets/{tid}/problems", "Add a further problem (a VIP ticket takes one: vip_second_problem)",
              roles: "admin, agent, customer", body: [("description", .string, true)], success: 201),
        .init("post", "/v1/tickets/{tid}/split", "Open a new ticket for a further problem, linked to this one (R-2.5.3)",
              roles: "admin, agent, customer", body: [("subject", .string, true), ("description", .string, true), ("problemClass", .string, false)],
              success: 201),
        .init("post", "/v1/tickets/{tid}/reassign", "Make another agent responsible for a VIP ticket; the new phone is disclosed (R-2.5.3)",
              roles: "admin, agent", body: [("agentId", .integer, false)]),
        .init("post", "/v1/tickets/{tid}/sessions", "Open a remote-access session; answers its credentials once (R-1.4)", roles: "agent",
              body: [("tool", .string, true), ("customerRemoteId", .string, true), ("agentRemoteId", .string, false)], success: 201),
        .init("get", "/v1/tickets/{tid}/sessions", "A ticket's remote sessions, without credentials", roles: "admin, agent; customer: its own"),
        .init("get", "/v1/sessions/{id}", "One remote session, without credentials", roles: "admin, agent; customer: its own"),
        .init("get", "/v1/sessions/{id}/credentials", "The session code, one-time PIN and passed password (audited)",
              roles: "the ticket's customer and the agent who opened the session"),
        .init("post", "/v1/sessions/{id}/join", "The customer joins with the one-time PIN", roles: "customer", body: [("pin", .string, true)]),
        .init("post", "/v1/sessions/{id}/pin", "Issue a new one-time PIN for a session nobody joined (after a lock); answers the credentials once",
              roles: "the opening agent"),
        .init("post", "/v1/sessions/{id}/password", "The customer passes the password its tool shows", roles: "customer",
              body: [("password", .string, true)]),
        .init("post", "/v1/sessions/{id}/end", "End the session; its credentials are wiped", roles: "the ticket's customer and the opening agent"),
        .init("post", "/v1/sessions/{id}/cancel", "Cancel a session nobody joined; credentials wiped", roles: "the opening agent"),
        .init("post", "/v1/tickets/{tid}/metered", "Start billed help: remote (needs a joined session, R-1.4) or the free one-time phone install (R-1.5)",
              roles: "agent", body: [("kind", .string, true), ("channel", .string, true)], success: 201),
        .init("post", "/v1/metered/{id}/stop", "Stop billed help; priced once at 1 500 RUB/hour, every started minute", roles: "the starting agent, admin"),
        .init("post", "/v1/metered/{id}/correction", "Correct a stopped, not yet invoiced session's duration or kind, with a reason (audited)",
              roles: "the starting agent, admin", body: [("rawSeconds", .integer, false), ("kind", .string, false), ("reason", .string, true)]),
        .init("get", "/v1/metered", "Metered sessions (agents: their own)", roles: "admin, agent, accounting", query: ["ticket"]),
        .init("post", "/v1/invoices", "Issue a customer's invoice for a period: contracts starting in it and reviewed metered sessions",
              roles: "admin, accounting", body: [("customerId", .integer, true), ("from", .string, true), ("to", .string, true)], success: 201),
        .init("get", "/v1/invoices", "Invoices, newest first, without lines", roles: "admin, accounting; customer: its own", query: ["customer"]),
        .init("get", "/v1/invoices/{number}", "One invoice with its lines", roles: "admin, accounting; customer: its own"),
        .init("get", "/v1/invoices/{number}/html", "The printable счёт на оплату (HTML, A4)", roles: "admin, accounting; customer: its own",
              answers: ["text/html"]),
        .init("post", "/v1/invoices/{number}/cancel", "Cancel an invoice by a credit note; its sessions become invoiceable again",
              roles: "admin, accounting", body: [("reason", .string, true)], success: 201),
        .init("get", "/v1/exports/hours", "Metered hour totals for a period by customer, agent, kind or ticket; json, csv or excel-csv, streamed",
              roles: "admin, accounting", query: ["from", "to", "by", "format"], answers: ["application/json", "text/csv"]),
        .init("get", "/v1/notifications", "The notifications outbox", roles: "admin, agent"),
        .init("get", "/v1/queue", "Tickets awaiting their first reaction: out of turn, then arrival order (R-2.2)", roles: "admin, agent"),
        .init("post", "/v1/inbound", "Hand in an e-mail: appended by TID, or a new ticket, or refused (R-4.4)", roles: "admin, agent",
              body: [("from", .string, true), ("subject", .string, true), ("body", .string, true)]),
    ]

    /// The document as JSON, keys sorted, so the committed file can be compared byte for byte.
    public static let json: Data = {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = describe(operation)
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "AssistBroker", "version": ProductVersion.current,
                "description": "iStom's support-desk broker. Times are RFC 3339 in Moscow time; money is integer kopecks; errors are application/problem+json.",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Problem": [
                        "type": "object", "required": ["type", "title", "status", "code", "detail"],
                        "properties": [
                            "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                            "code": ["type": "string"], "detail": ["type": "string"],
                        ],
                    ]
                ],
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    }()

    private static func describe(_ operation: APIOperation) -> [String: Any] {
        let problem: [String: Any] = [
            "description": "A problem: a stable code and a sentence saying what to do",
            "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
        ]
        var parameters: [[String: Any]] = pathParameters(operation.path).map {
            ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += operation.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
        if operation.roles != nil, operation.method != "get" {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 255],
                "description": "A retried request with the same key gets the first answer instead of acting twice.",
            ])
        }
        var result: [String: Any] = [
            "summary": operation.summary,
            "responses": [
                String(operation.success): ["description": "Success", "content": content(operation.answers)],
                "default": problem,
            ],
        ]
        if !parameters.isEmpty { result["parameters"] = parameters }
        if let roles = operation.roles {
            result["security"] = [["bearer": [String]()]]
            result["description"] = "Who: \(roles)."
        } else {
            result["security"] = [[String: [String]]]()
        }
        if let body = operation.body {
            let properties = Dictionary(uniqueKeysWithValues: body.map { field -> (String, Any) in
                switch field.type {
                case .stringArray: (field.name, ["type": "array", "items": ["type": "string"]])
                case .object: (field.name, ["type": "object"])
                default: (field.name, ["type": field.type.rawValue])
                }
            })
            result["requestBody"] = [
                "required": true,
                "content": ["application/json": ["schema": [
                    "type": "object", "additionalProperties": false, "properties": properties,
                    "required": body.filter(\.required).map(\.name),
                ]]],
            ]
        }
        return result
    }

    /// What each success media type holds: JSON objects or arrays, or text.
    private static func content(_ types: [String]) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: types.map { type -> (String, Any) in
            type == "application/json" ? (type, ["schema": ["type": ["object", "array"]]]) : (type, ["schema": ["type": "string"]])
        })
    }

    /// The methods documented for a request path such as `/v1/tickets/TID-2026-000001`,
    /// upper-case and sorted: what a `405` names in its `Allow` header.
    static func methods(forPath path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return operations.filter { operation in
            let template = operation.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == segments.count && zip(template, segments).allSatisfy { pattern, segment in
                pattern.hasPrefix("{") ? !segment.isEmpty : pattern == segment
            }
        }.map { $0.method.uppercased() }.sorted()
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }
}
