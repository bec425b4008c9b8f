import AssistCore
import Foundation
import Hummingbird

/// Remote-access sessions on tickets (R-1.4). The credentials are for two people only: the
/// ticket's customer and the agent who opened the session — not even admins read them. Every
/// read is audited; answers that carry them are `no-store` (and so never kept for idempotent
/// replay).
struct SessionRoutes {
    let tickets: any TicketStore
    let sessions: any SessionStore
    let idRules: RemoteIDRules
    let joinMinutes: Int
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets/:tid/sessions") { request, context in try await open(request, context) }
        group.get("/tickets/:tid/sessions") { _, context in
            let (_, ticket) = try await visibleTicket(context)
            return APIResponse(.ok, try await sessions.sessions(ticketId: ticket.id, at: Date()))
        }
        group.get("/sessions/:id") { _, context in
            APIResponse(.ok, try await visibleSession(context).1)
        }
        group.get("/sessions/:id/credentials") { _, context in
            let (user, session) = try await visibleSession(context)
            guard user.role == .customer || user.id == session.agentUserId else {
                throw Problem.forbidden("Only the ticket's customer and the agent who opened the session read its credentials.")
            }
            let credentials = try await mapped {
                try await sessions.readCredentials(sessionId: session.id, readerUserId: user.id, readerRole: user.role.rawValue, at: Date())
            }
            return APIResponse(.ok, OpenedSession(session: session, credentials: credentials), noStore: true)
        }
        group.post("/sessions/:id/join") { request, context in
            let (user, session) = try await visibleSession(context)
            guard user.role == .customer else { throw Problem.forbidden("The customer joins a session with the PIN it was given.") }
            let input = try await RequestJSON.decode(SessionInputs.Join.self, from: request, limit: maxBodyBytes, fields: SessionInputs.Join.fields)
            return APIResponse(.ok, try await mapped { try await sessions.join(sessionId: session.id, pin: input.pin, by: user.id, at: Date()) })
        }
        group.post("/sessions/:id/password") { request, context in
            let (user, session) = try await visibleSession(context)
            guard user.role == .customer else { throw Problem.forbidden("The customer passes the password its TeamViewer or AmmyAdmin shows.") }
            let input = try await RequestJSON.decode(SessionInputs.Password.self, from: request, limit: maxBodyBytes, fields: SessionInputs.Password.fields)
            let password = try TextValidation.exact(input.password, field: "password", range: 1...100)
            return APIResponse(.ok, try await mapped {
                try await sessions.passPassword(sessionId: session.id, password: password, by: user.id, at: Date())
            })
        }
        group.post("/sessions/:id/pin") { _, context in
            let (user, session) = try await visibleSession(context)
            guard user.id == session.agentUserId else { throw Problem.forbidden("Only the agent who opened the session issues a new PIN.") }
            let now = Date()
            let reissued = try await mapped {
                try await sessions.reissuePIN(sessionId: session.id, pin: try SessionCredentialIssuer.pin(), by: user.id, at: now)
            }
            let credentials = try await mapped {
                try await sessions.readCredentials(sessionId: session.id, readerUserId: user.id, readerRole: user.role.rawValue, at: now)
            }
            return APIResponse(.ok, OpenedSession(session: reissued, credentials: credentials), noStore: true)
        }
        group.post("/sessions/:id/end") { _, context in
            let (user, session) = try await visibleSession(context)
            guard user.role == .customer || user.id == session.agentUserId else {
                throw Problem.forbidden("Only the ticket's customer and the agent who opened the session end it.")
            }
            return APIResponse(.ok, try await mapped { try await sessions.end(sessionId: session.id, by: user.id, at: Date()) })
        }
        group.post("/sessions/:id/cancel") { _, context in
            let (user, session) = try await visibleSession(context)
            guard user.id == session.agentUserId else { throw Problem.forbidden("Only the agent who opened the session cancels it.") }
            return APIResponse(.ok, try await mapped { try await sessions.cancel(sessionId: session.id, by: user.id, at: Date()) })
        }
    }

    private func open(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<OpenedSession> {
        let agent = try context.requireRole(.agent)
        let (_, ticket) = try await visibleTicket(context)
        let input = try await RequestJSON.decode(SessionInputs.Open.self, from: request, limit: maxBodyBytes, fields: SessionInputs.Open.fields)
        guard let tool = RemoteTool(rawValue: input.tool) else {
            throw Problem.invalidField("tool", "must be teamviewer or ammyadmin (R-1.4)")
        }
        func remoteId(_ text: String, field: String) throws -> String {
            guard let id = idRules.normalized(text, for: tool) else {
                let digits = idRules.digits(for: tool)
                throw Problem(
                    status: .badRequest, code: "invalid_remote_id", title: "Invalid remote-access ID",
                    detail: "The \(field) is not a \(tool.rawValue) ID: send \(digits.lowerBound)–\(digits.upperBound) digits (spaces and dashes are fine).")
            }
            return id
        }
        guard ticket.state != .closed else {
            throw Problem(status: .conflict, code: "ticket_closed", title: "Ticket closed", detail: "\(ticket.tid) is closed: reopen it first.")
        }
        let now = Date()
        let session = try await sessions.openSession(
            NewRemoteSession(
                ticketId: ticket.id, tid: ticket.tid, tool: tool,
                customerRemoteId: try remoteId(input.customerRemoteId, field: "customerRemoteId"),
                agentRemoteId: try input.agentRemoteId.map { try remoteId($0, field: "agentRemoteId") },
                agentUserId: agent.id, agentName: agent.displayName,
                joinExpiresAt: now.addingTimeInterval(TimeInterval(joinMinutes) * 60)),
            credentials: try SessionCredentialIssuer.issue(), at: now)
        let credentials = try await sessions.readCredentials(sessionId: session.id, readerUserId: agent.id, readerRole: agent.role.rawValue, at: now)
        return APIResponse(.created, OpenedSession(session: session, credentials: credentials), noStore: true)
    }

    private func visibleTicket(_ context: AssistRequestContext) async throws -> (UserAccount, Ticket) {
        try await TicketAccess.visibleTicket(context, tickets: tickets, roles: [.admin, .agent, .customer])
    }

    private func visibleSession(_ context: AssistRequestContext) async throws -> (UserAccount, RemoteSession) {
        let user = try context.requireRole(.admin, .agent, .customer)
        guard let id = context.parameters.get("id", as: Int64.self), let session = try await sessions.session(id: id, at: Date()),
              let ticket = try await tickets.ticket(tid: session.tid),
              user.role != .customer || user.customerId == ticket.customerId
        else {
            throw Problem(status: .notFound, code: "session_not_found", title: "No such session", detail: "There is no remote session with that id for you: check it.")
        }
        return (user, session)
    }

    /// Runs a store call and turns its refusals into problems (none names a secret).
    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SessionStoreError {
            switch error {
            case .sessionNotFound:
                throw Problem(status: .notFound, code: "session_not_found", title: "No such session", detail: "There is no remote session with that id: check it.")
            case .expired:
                throw Problem(
                    status: .gone, code: "session_expired", title: "Session expired",
                    detail: "Nobody joined this session in time and its credentials are gone: the agent opens a new one.")
            case .pinMismatch(let attemptsLeft):
                throw Problem(
                    status: .forbidden, code: "pin_mismatch", title: "Wrong PIN",
                    detail: "That is not the session's PIN: check the PIN you were given (\(attemptsLeft) more wrong PIN\(attemptsLeft == 1 ? "" : "s") lock it).")
            case .pinLocked:
                throw Problem(
                    status: .init(code: 423, reasonPhrase: "Locked"), code: "pin_locked", title: "PIN locked",
                    detail: "Too many wrong PINs: this PIN is locked. Ask the agent for a new PIN.")
            case .pinUsed:
                throw Problem(
                    status: .conflict, code: "pin_used", title: "PIN already used",
                    detail: "This session's one-time PIN was used already: the session is joined; ask the agent for a new session if needed.")
            case .wrongState(let state):
                throw Problem(
                    status: .conflict, code: "session_not_active", title: "Session not active",
                    detail: "The session is \(state.rawValue): nothing more can be done with it; open a new one if needed.")
            case .credentialsWiped:
                throw Problem(
                    status: .gone, code: "credentials_wiped", title: "Credentials wiped",
                    detail: "The session is over and its credentials were wiped: open a new session if needed.")
            }
        }
    }
}
