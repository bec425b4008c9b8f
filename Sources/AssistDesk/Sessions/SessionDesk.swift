import AssistCore
import Foundation

/// Remote-access sessions on tickets. The credentials are for two people only: the
/// ticket's customer and the agent who opened the session — not even admins read them. Every
/// read is audited; channels must not let an answer carrying them be cached or replayed.
public struct SessionDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let policy: DeskPolicy
    let issuer: SessionCredentialIssuer

    init(stores: DeskStores, clock: any WallClock, policy: DeskPolicy, secrets: any Secrets) {
        self.stores = stores
        self.clock = clock
        self.policy = policy
        self.issuer = SessionCredentialIssuer(secrets: secrets)
    }

    /// R-1.4 (`SessionLifetime`), run by the server every minute: issued sessions past their
    /// join deadline expire, active ones past `sessionMaximumHours` end; credentials wiped.
    public func expireStale() async throws -> Int {
        let now = clock.now
        return try await stores.sessions.expireSessions(
            activeBefore: SessionLifetime.activeCutoff(at: now, maximumHours: policy.sessionMaximumHours), at: now)
    }

    /// An agent opens a session on a ticket; the answer carries its credentials once.
    public func open(_ actor: UserAccount, tid: String, _ input: SessionInputs.Open) async throws -> OpenedSession {
        try actor.require(.agent)
        let ticket = try await TicketAccess.visibleTicket(tid, actor: actor, tickets: stores.tickets)
        guard let tool = RemoteTool(rawValue: input.tool) else {
            throw DeskError.invalidField("tool", "must be teamviewer or ammyadmin (R-1.4)")
        }
        func remoteId(_ text: String, field: String) throws -> String {
            guard let id = policy.remoteIDRules.normalized(text, for: tool) else {
                let digits = policy.remoteIDRules.digits(for: tool)
                throw DeskError(
                    .invalid, code: .invalidRemoteId, title: "Invalid remote-access ID",
                    detail: "The \(field) is not a \(tool.rawValue) ID: send \(digits.lowerBound)–\(digits.upperBound) digits (spaces and dashes are fine).")
            }
            return id
        }
        guard ticket.state != .closed else { throw DeskError.ticketClosed(ticket.tid) }
        guard !SessionLifetime.endsWithTicket(ticket.state) else {
            // It would end at once: its sessions ended with it, the work is over until it is reopened.
            throw DeskError.ticketNotOpen(ticket.tid, ticket.state, doing: "opening a remote session (its sessions ended with it, R-1.4)")
        }
        let now = clock.now
        let new = NewRemoteSession(
            ticketId: ticket.id, tid: ticket.tid, tool: tool,
            customerRemoteId: try remoteId(input.customerRemoteId, field: "customerRemoteId"),
            agentRemoteId: try input.agentRemoteId.map { try remoteId($0, field: "agentRemoteId") },
            agentUserId: actor.id, agentName: actor.displayName,
            joinExpiresAt: now.addingTimeInterval(TimeInterval(policy.sessionJoinMinutes) * 60))
        let session = try await stores.sessions.openSession(new, credentials: try issuer.issue(), at: now) { id, sender in
            SessionLifetime.openedLetter(new, id: id, to: sender, at: now)
        }
        let credentials = try await stores.sessions.readCredentials(
            sessionId: session.id, readerUserId: actor.id, readerRole: actor.role.rawValue, at: now)
        return OpenedSession(session: session, credentials: credentials)
    }

    /// A ticket's sessions, without credentials.
    public func list(_ actor: UserAccount, tid: String) async throws -> [RemoteSession] {
        let ticket = try await TicketAccess.visibleTicket(tid, actor: actor, tickets: stores.tickets, roles: [.admin, .agent, .customer])
        return try await stores.sessions.sessions(ticketId: ticket.id, at: clock.now)
    }

    /// One session, without credentials.
    public func show(_ actor: UserAccount, id: Int64) async throws -> RemoteSession {
        try await visible(id, actor)
    }

    /// The code, the PIN (until used) and the passed password; audited.
    public func credentials(_ actor: UserAccount, id: Int64) async throws -> OpenedSession {
        let session = try await visible(id, actor)
        guard actor.role == .customer || actor.id == session.agentUserId else {
            throw DeskError.forbidden("Only the ticket's customer and the agent who opened the session read its credentials.")
        }
        let credentials = try await mapped {
            try await stores.sessions.readCredentials(sessionId: session.id, readerUserId: actor.id, readerRole: actor.role.rawValue, at: clock.now)
        }
        return OpenedSession(session: session, credentials: credentials)
    }

    /// The customer joins with the one-time PIN; wrong PINs are counted and lock it.
    public func join(_ actor: UserAccount, id: Int64, _ input: SessionInputs.Join) async throws -> RemoteSession {
        let session = try await visible(id, actor)
        guard actor.role == .customer else { throw DeskError.forbidden("The customer joins a session with the PIN it was given.") }
        let pin = try TextValidation.exact(input.pin, field: "pin", range: 1...32)
        return try await mapped { try await stores.sessions.join(sessionId: session.id, pin: pin, by: actor.id, at: clock.now) }
    }

    /// The customer passes the one-time password its TeamViewer or AmmyAdmin shows.
    public func passPassword(_ actor: UserAccount, id: Int64, _ input: SessionInputs.Password) async throws -> RemoteSession {
        let session = try await visible(id, actor)
        guard actor.role == .customer else { throw DeskError.forbidden("The customer passes the password its TeamViewer or AmmyAdmin shows.") }
        let password = try TextValidation.exact(input.password, field: "password", range: 1...100)
        return try await mapped {
            try await stores.sessions.passPassword(sessionId: session.id, password: password, by: actor.id, at: clock.now)
        }
    }

    /// The opening agent issues a new PIN for a session nobody joined (after a lock).
    public func reissuePIN(_ actor: UserAccount, id: Int64) async throws -> OpenedSession {
        let session = try await visible(id, actor)
        guard actor.id == session.agentUserId else { throw DeskError.forbidden("Only the agent who opened the session issues a new PIN.") }
        let now = clock.now
        let reissued = try await mapped {
            try await stores.sessions.reissuePIN(sessionId: session.id, pin: try issuer.pin(), by: actor.id, at: now)
        }
        let credentials = try await mapped {
            try await stores.sessions.readCredentials(sessionId: session.id, readerUserId: actor.id, readerRole: actor.role.rawValue, at: now)
        }
        return OpenedSession(session: reissued, credentials: credentials)
    }

    /// Ends an issued or active session; its credentials are wiped.
    public func end(_ actor: UserAccount, id: Int64) async throws -> RemoteSession {
        let session = try await visible(id, actor)
        guard actor.role == .customer || actor.id == session.agentUserId else {
            throw DeskError.forbidden("Only the ticket's customer and the agent who opened the session end it.")
        }
        return try await mapped { try await stores.sessions.end(sessionId: session.id, by: actor.id, at: clock.now) }
    }

    /// Cancels a session nobody joined; its credentials are wiped.
    public func cancel(_ actor: UserAccount, id: Int64) async throws -> RemoteSession {
        let session = try await visible(id, actor)
        guard actor.id == session.agentUserId else { throw DeskError.forbidden("Only the agent who opened the session cancels it.") }
        return try await mapped { try await stores.sessions.cancel(sessionId: session.id, by: actor.id, at: clock.now) }
    }

    private func visible(_ id: Int64, _ actor: UserAccount) async throws -> RemoteSession {
        try actor.require(.admin, .agent, .customer)
        guard let session = try await stores.sessions.session(id: id, at: clock.now),
              let ticket = try await stores.tickets.ticket(tid: session.tid),
              actor.maySee(customerId: ticket.customerId)
        else { throw DeskError.sessionNotFound }
        return session
    }

    /// Runs a store call and turns its refusals into desk errors (none names a secret).
    private func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SessionStoreError {
            throw DeskError(error)
        }
    }
}
