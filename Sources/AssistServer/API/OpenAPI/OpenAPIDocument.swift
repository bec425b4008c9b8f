import AssistCore
import AssistDesk
import Foundation

/// The OpenAPI 3.1 document of every endpoint, served at `GET /v1/openapi.json` and kept in
/// the repository as `openapi.json` (regenerate with `assistd openapi > openapi.json`; a test
/// fails when the file, the document or the router disagree).
public enum OpenAPIDocument {
    static let staff = "admin, agent, accounting; customer: its own"

    static let operations: [APIOperation] = [
        .init("get", "/healthz", "Health, version and the TLS protocol of this request", roles: nil, answer: HealthRoutes.Health.self),
        .init("get", "/v1/connection", "This connection's TLS parameters and verified client certificate subject", roles: nil,
              answer: HealthRoutes.ConnectionDescription.self),
        .init("get", "/v1/openapi.json", "This document", roles: nil, answer: nil),
        .init("get", "/v1/sla/deadline", "The reaction deadline of a level for a ticket received at a time, explained", roles: nil,
              query: ["level", "from"], answer: SLADeadlineReport.self),
        .init("get", "/v1/calendar", "The production calendar in force, with its revision (R-2.2)", roles: nil, answer: CalendarView.self),
        .init("get", "/v1/calendar/revisions", "Every revision of the production calendar", roles: "admin", answer: [CalendarRevisionInfo].self),
        .init("put", "/v1/calendar/years/{year}", "Add or correct a year: a new calendar revision", roles: "admin",
              body: CalendarYearInput.self, answer: CalendarView.self, success: 201),
        .init("get", "/v1/me", "The signed-in user", roles: "anyone signed in", answer: UserAccount.self),
        .init("patch", "/v1/me", "Come on or go off duty", roles: "agent", body: AccountInputs.DutyPatch.self, answer: UserAccount.self),
        .init("post", "/v1/customers", "Create a customer (INN and KPP checked; an INN belongs to one customer)", roles: "admin",
              body: AccountInputs.NewCustomer.self, answer: Customer.self, success: 201),
        .init("get", "/v1/customers", "Customers", roles: staff, answer: [Customer].self),
        .init("get", "/v1/customers/{id}", "One customer", roles: staff, answer: Customer.self),
        .init("post", "/v1/customers/{id}/contracts", "Make a contract, priced from the tariffs (R-2.6)", roles: "admin",
              body: ContractInputs.NewContract.self, answer: Contract.self, success: 201),
        .init("get", "/v1/customers/{id}/contracts", "Contracts", roles: staff, answer: [Contract].self),
        .init("get", "/v1/customers/{id}/tier", "The tier in force at a time", roles: staff, query: ["at"], answer: TierInForce.self),
        .init("post", "/v1/customers/{id}/emails", "Add an address to the licence (R-4.7)", roles: "admin",
              body: ContractInputs.LicenceEmail.self, answer: [String].self),
        .init("get", "/v1/customers/{id}/emails", "Addresses on the licence", roles: staff, answer: [String].self),
        .init("delete", "/v1/customers/{id}/emails/{email}", "Remove an address from the licence", roles: "admin", answer: [String].self),
        .init("post", "/v1/customers/{id}/groups", "Create a commercial group (R-4.7)", roles: "admin",
              body: ContractInputs.NewGroup.self, answer: CommercialGroup.self, success: 201),
        .init("get", "/v1/customers/{id}/groups", "Commercial groups", roles: staff, answer: [CommercialGroup].self),
        .init("patch", "/v1/customers/{id}/groups/{group}", "Rename a commercial group, add and remove members (R-4.7; audited)", roles: "admin",
              body: ContractInputs.GroupChange.self, answer: CommercialGroup.self),
        .init("delete", "/v1/customers/{id}/groups/{group}", "Delete a commercial group (R-4.7; audited): the customer's groups after", roles: "admin",
              answer: [CommercialGroup].self),
        .init("post", "/v1/users", "Create a user", roles: "admin", body: AccountInputs.NewUser.self, answer: UserAccount.self, success: 201),
        .init("get", "/v1/users", "Users", roles: "admin", answer: [UserAccount].self),
        .init("get", "/v1/users/{id}", "One user", roles: "admin; anyone: themselves", answer: UserAccount.self),
        .init("patch", "/v1/users/{id}", "Change a user", roles: "admin", body: AccountInputs.UserPatch.self, answer: UserAccount.self),
        .init("post", "/v1/users/{id}/tokens", "Issue a token, shown once", roles: "admin",
              body: AccountInputs.NewToken.self, answer: IssuedToken.self, success: 201),
        .init("get", "/v1/users/{id}/tokens", "A user's tokens, never the tokens themselves", roles: "admin", answer: [AccessTokenInfo].self),
        .init("delete", "/v1/tokens/{id}", "Revoke a token", roles: "admin; anyone: their own", answer: AccessTokenInfo.self),
        .init("post", "/v1/tickets", "File a ticket (level by tier, class and sender; R-4.3 confirmation)", roles: "admin, agent, customer",
              body: TicketInputs.NewTicket.self, answer: TicketView.self, success: 201),
        .init("get", "/v1/tickets", "Tickets", roles: staff, query: ["state", "customerId"], answer: [Ticket].self),
        .init("get", "/v1/tickets/{tid}", "A ticket with its thread (and events, for staff)", roles: staff, answer: TicketView.self),
        .init("post", "/v1/tickets/{tid}/messages", "Reply; an agent's first reply stops the reaction clock; later rounds are timed too (R-2.4)",
              roles: "admin, agent, customer", body: TicketInputs.Reply.self, answer: TicketView.self, success: 201, uploads: true),
        .init("get", "/v1/tickets/{tid}/attachments/{id}", "An attachment's content, for the ticket's customer and staff (R-4.6)",
              roles: staff, answer: nil, answers: ["image/png", "image/jpeg", "image/gif", "application/zip", "application/vnd.rar"]),
        .init("post", "/v1/tickets/{tid}/state", "Change the state (postponed and refused need an R-4.9 reason)", roles: "admin, agent",
              body: TicketInputs.StateChange.self, answer: TicketView.self),
        .init("post", "/v1/tickets/{tid}/level", "Move to consulting or development: a new clock (R-2.5.5, R-2.5.6)", roles: "admin, agent",
              body: TicketInputs.LevelChange.self, answer: TicketView.self),
        .init("post", "/v1/tickets/{tid}/rating", "Rate the work once, after resolution (R-5)", roles: "customer",
              body: TicketInputs.Rating.self, answer: TicketView.self),
        .init("get", "/v1/customers/{id}/entitlements", "The customer's entitlements: the one-time phone install (R-1.5)", roles: staff,
              answer: EntitlementsView.self),
        .init("post", "/v1/customers/{id}/entitlements/phone-install/restore", "Give the one-time phone install back, with a reason (audited)",
              roles: "admin", body: EntitlementDesk.Restore.self, answer: EntitlementsView.self),
        .init("post", "/v1/tickets/{tid}/phone-install", "Record the one-time phone install on a ticket, consuming it (audited)",
              roles: "admin, agent", answer: EntitlementsView.self, success: 201),
        .init("get", "/v1/audit", "The hash-chained audit log", roles: "admin", query: ["subject"], answer: [AuditEntry].self),
        .init("post", "/v1/tickets/{tid}/problems", "Add a further problem (a VIP ticket takes one: vip_second_problem)",
              roles: "admin, agent, customer", body: TicketInputs.Problem.self, answer: TicketView.self, success: 201),
        .init("post", "/v1/tickets/{tid}/split", "Open a new ticket for a further problem, linked to this one (R-2.5.3)",
              roles: "admin, agent, customer", body: TicketInputs.Split.self, answer: TicketView.self, success: 201),
        .init("post", "/v1/tickets/{tid}/class", "Confirm an operational ticket, or change its class (standard or operational) with a reason (R-2.5.1, R-2.5.2)",
              roles: "admin, agent", body: TicketInputs.ClassDecision.self, answer: TicketView.self),
        .init("post", "/v1/tickets/{tid}/escalation", "Write to the head of support about a ticket; told once per ticket per day (R-5)",
              roles: "customer: its own", body: TicketInputs.Escalation.self, answer: EscalationResult.self, success: 201),
        .init("post", "/v1/tickets/{tid}/reassign", "Make another agent responsible for a VIP ticket; the new phone is disclosed (R-2.5.3)",
              roles: "admin, agent", body: TicketInputs.Reassign.self, answer: TicketView.self),
        .init("post", "/v1/tickets/{tid}/sessions", "Open a remote-access session; answers its credentials once (R-1.4)", roles: "agent",
              body: SessionInputs.Open.self, answer: OpenedSession.self, success: 201),
        .init("get", "/v1/tickets/{tid}/sessions", "A ticket's remote sessions, without credentials", roles: "admin, agent; customer: its own",
              answer: [RemoteSession].self),
        .init("get", "/v1/sessions/{id}", "One remote session, without credentials", roles: "admin, agent; customer: its own",
              answer: RemoteSession.self),
        .init("get", "/v1/sessions/{id}/credentials", "The session code, one-time PIN and passed password (audited)",
              roles: "the ticket's customer and the agent who opened the session", answer: OpenedSession.self),
        .init("post", "/v1/sessions/{id}/join", "The customer joins with the one-time PIN; 5 wrong PINs lock it", roles: "customer",
              body: SessionInputs.Join.self, answer: RemoteSession.self),
        .init("post", "/v1/sessions/{id}/pin", "Issue a new one-time PIN for a session nobody joined (after a lock); answers the credentials once",
              roles: "the opening agent", answer: OpenedSession.self),
        .init("post", "/v1/sessions/{id}/password", "The customer passes the password its tool shows", roles: "customer",
              body: SessionInputs.Password.self, answer: RemoteSession.self),
        .init("post", "/v1/sessions/{id}/end", "End the session; its credentials are wiped", roles: "the ticket's customer and the opening agent",
              answer: RemoteSession.self),
        .init("post", "/v1/sessions/{id}/cancel", "Cancel a session nobody joined; credentials wiped", roles: "the opening agent",
              answer: RemoteSession.self),
        .init("post", "/v1/tickets/{tid}/metered", "Start billed help: remote (needs a joined session, R-1.4) or the free one-time phone install (R-1.5)",
              roles: "agent", body: MeteringInputs.Start.self, answer: MeteredSession.self, success: 201),
        .init("post", "/v1/metered/{id}/stop", "Stop billed help; priced once at 1 500 RUB/hour, every started minute", roles: "the starting agent, admin",
              answer: MeteredSession.self),
        .init("post", "/v1/metered/{id}/correction", "Correct a stopped, not yet invoiced session's duration or kind, with a reason (audited)",
              roles: "the starting agent, admin", body: MeteringInputs.Correction.self, answer: MeteredSession.self),
        .init("get", "/v1/metered", "Metered sessions (agents: their own)", roles: "admin, agent, accounting", query: ["ticket"],
              answer: [MeteredSession].self),
        .init("post", "/v1/invoices", "Issue a customer's invoice for a period: contracts starting in it and reviewed metered sessions",
              roles: "admin, accounting", body: InvoiceRoutes.Issue.self, answer: Invoice.self, success: 201),
        .init("get", "/v1/invoices", "Invoices, newest first, without lines", roles: "admin, accounting; customer: its own", query: ["customer"],
              answer: [Invoice].self),
        .init("get", "/v1/invoices/{number}", "One invoice with its lines", roles: "admin, accounting; customer: its own", answer: Invoice.self),
        .init("get", "/v1/invoices/{number}/html", "The printable счёт на оплату (HTML, A4)", roles: "admin, accounting; customer: its own",
              answer: nil, answers: ["text/html"]),
        .init("post", "/v1/invoices/{number}/cancel", "Cancel an invoice by a credit note; its sessions become invoiceable again",
              roles: "admin, accounting", body: InvoiceDesk.Cancel.self, answer: CreditNote.self, success: 201),
        .init("get", "/v1/exports/hours", "Metered hour totals for a period by customer, agent, kind or ticket; json, csv or excel-csv, streamed",
              roles: "admin, accounting", query: ["from", "to", "by", "format"], answer: nil, answers: ["application/json", "text/csv"]),
        .init("get", "/v1/notifications", "The notifications outbox, with delivery states (queued, sending, sent, deferred, failed)",
              roles: "admin, agent", answer: [OutboxNotification].self),
        .init("post", "/v1/notifications/{id}/retry", "Queue a failed notification again", roles: "admin", answer: OutboxNotification.self),
        .init("get", "/v1/notifications/flagged-addresses", "Addresses mail to which failed for good", roles: "admin, agent",
              answer: [FlaggedAddress].self),
        .init("get", "/v1/queue", "Tickets awaiting a first or next reaction: out of turn, then in the order they started waiting (R-2.2, R-2.4)",
              roles: "admin, agent", answer: QueueView.self),
        .init("post", "/v1/inbound", "Hand in an e-mail: appended by TID, a new ticket, held beyond the daily cap, a duplicate, or refused (R-4.4, R-4.7)", roles: "admin, agent",
              body: InboundMail.self, answer: InboundResult.self),
        .init("get", "/v1/inbound/held", "Letters held because their sender passed the daily cap of new tickets by mail (mail.newTicketsPerSenderPerDay)",
              roles: "admin, agent", answer: [HeldLetter].self),
    ]

    /// The document as JSON, keys sorted, so the committed file can be compared byte for byte.
    public static let json: Data = {
        let recorder = JSONSchemaRecorder()
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = describe(operation, recorder)
        }
        var schemas = recorder.components
        schemas["Problem"] = [
            "type": "object", "required": ["type", "title", "status", "code", "detail"],
            "properties": [
                "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                "code": ["type": "string"], "detail": ["type": "string"],
            ],
        ]
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "AssistBroker", "version": ProductVersion.current,
                "description": "iStom's support-desk broker. Times are RFC 3339 in Moscow time; money is integer kopecks; errors are application/problem+json.",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas,
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
    }()

    private static func describe(_ operation: APIOperation, _ recorder: JSONSchemaRecorder) -> [String: Any] {
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
        let content = Dictionary(uniqueKeysWithValues: operation.answers.map { type -> (String, Any) in
            guard type == "application/json" else { return (type, ["schema": ["type": "string"]]) }
            return (type, ["schema": operation.answer.map(recorder.schema(of:)) ?? ["type": ["object", "array"]]])
        })
        var result: [String: Any] = [
            "summary": operation.summary,
            "responses": [String(operation.success): ["description": "Success", "content": content], "default": problem],
        ]
        if !parameters.isEmpty { result["parameters"] = parameters }
        if let roles = operation.roles {
            result["security"] = [["bearer": [String]()]]
            result["description"] = "Who: \(roles)."
        } else {
            result["security"] = [[String: [String]]]()
        }
        if let body = operation.body {
            // Bodies are read strictly (RequestJSON): no field beyond the type's, none of them null.
            var content: [String: Any] = ["application/json": ["schema": recorder.strictObject(of: body)]]
            if operation.uploads {
                content["multipart/form-data"] = ["schema": [
                    "type": "object", "required": ["body"], "additionalProperties": false,
                    "properties": [
                        "body": ["type": "string"],
                        "attachment": ["type": "array", "items": ["type": "string", "format": "binary"],
                                       "description": "JPG, GIF or PNG; BMP only inside a ZIP (R-4.6); every file checked by its content, those inside a ZIP too"],
                    ],
                ]]
            }
            result["requestBody"] = ["required": true, "content": content]
        }
        return result
    }

    /// The operation documented for a request, by method and concrete path (e.g. `/v1/tickets/TID-2026-000001`).
    static func operation(method: String, path: String) -> APIOperation? {
        operations.first { $0.method == method.lowercased() && matches($0.path, path) }
    }

    /// The methods documented for a request path such as `/v1/tickets/TID-2026-000001`,
    /// upper-case and sorted: what a `405` names in its `Allow` header.
    static func methods(forPath path: String) -> [String] {
        operations.filter { matches($0.path, path) }.map { $0.method.uppercased() }.sorted()
    }

    private static func matches(_ template: String, _ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
        return pattern.count == segments.count && zip(pattern, segments).allSatisfy { part, segment in
            part.hasPrefix("{") ? !segment.isEmpty : part == segment
        }
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }
}
