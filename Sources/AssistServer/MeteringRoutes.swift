import AssistCore
import Foundation
import Hummingbird

/// Billed install/update help: agents start and stop the clock on a ticket.
///
/// Remote help needs a remote-access session the customer joined; the phone channel
/// is the one-time install, spent at start and free. Durations come from the server
/// clock; a running session lives in the database and survives restarts.
struct MeteringRoutes {
    let tickets: any TicketStore
    let entitlements: any EntitlementStore
    let metering: any MeteringStore
    let billing: BillingPolicy
    let maximumSeconds: Int
    let maxBodyBytes: Int

    struct Start: Decodable {
        let kind: String
        let channel: String
        static let fields: Set<String> = ["kind", "channel"]
    }

    struct Correction: Decodable {
        let rawSeconds: Int?
        let kind: String?
        let reason: String
        static let fields: Set<String> = ["rawSeconds", "kind", "reason"]
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets/:tid/metered") { request, context in try await start(request, context) }
        group.post("/metered/:id/stop") { _, context in
            let user = try context.requireRole(.admin, .agent)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound("metered session") }
            do {
                return APIResponse(.ok, try await metering.stopMetering(
                    id: id, by: user.id, byAdmin: user.role == .admin, maximumSeconds: maximumSeconds, at: Date()))
            } catch MeteringError.notFound {
                throw Problem.notFound("metered session")
            } catch MeteringError.alreadyStopped {
                throw Problem(status: .conflict, code: "already_stopped", title: "Already stopped", detail: "Metered session \(id) was stopped already: nothing changed.")
            }
        }
        group.post("/metered/:id/correction") { request, context in try await correct(request, context) }
        group.get("/metered") { request, context in
            let user = try context.requireRole(.admin, .agent, .accounting)
            let query = try QueryParameters(request, allowed: ["ticket"])
            var ticketId: Int64?
            if let tid = query["ticket"] {
                guard let ticket = try await tickets.ticket(tid: tid) else { throw Problem.invalidQuery("There is no ticket \(tid): check the TID.") }
                ticketId = ticket.id
            }
            let agent = user.role == .agent ? user.id : nil
            return APIResponse(.ok, try await metering.meteredSessions(agentUserId: agent, ticketId: ticketId))
        }
    }

    private func start(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<MeteredSession> {
        let (agent, ticket) = try await TicketAccess.visibleTicket(context, tickets: tickets, roles: [.agent])
        let tid = ticket.tid
        let input = try await RequestJSON.decode(Start.self, from: request, limit: maxBodyBytes, fields: Start.fields)
        let kind = try Self.kind(input.kind)
        guard let channel = MeteringChannel(rawValue: input.channel) else {
            throw Problem.invalidField("channel", "must be remote or phone-install")
        }
        if channel == .phoneInstall {
            // Checked before the phone install is spent, so a refusal below never costs it.
            if let running = try await metering.runningMeteredSession(agentUserId: agent.id) {
                throw runningProblem(running.id)
            }
            do {
                _ = try await entitlements.usePhoneInstall(customerId: ticket.customerId, ticketId: ticket.id, tid: tid, by: agent.id, at: Date())
            } catch EntitlementError.phoneInstallUsed(let usedOn) {
                throw Problem.phoneInstallUsed(usedOn: usedOn)
            }
        }
        // The joined remote session, the rate and the rounding rule are checked in the transaction that starts the clock.
        do {
            let session = try await metering.startMetering(
                ticketId: ticket.id, tid: tid, customerId: ticket.customerId, agentUserId: agent.id, kind: kind, channel: channel,
                billing: billing, at: Date())
            return APIResponse(.created, session)
        } catch MeteringError.agentHasRunningSession(let id) {
            throw runningProblem(id)
        } catch MeteringError.remoteSessionRequired {
            throw Problem(
                status: .conflict, code: "remote_session_required", title: "Remote session required",
                detail: "Billed help goes over remote access (R-1.4): open a TeamViewer or AmmyAdmin session on \(tid) and have the customer join it first.")
        }
    }

    /// corrections: the agent who timed it (or an admin) fixes the duration or kind, with a
    /// reason, until the session is invoiced. The store prices a changed kind as start does, for the
    /// session's date; the session's rounding rule stays.
    private func correct(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<MeteredSession> {
        let user = try context.requireRole(.admin, .agent)
        guard let id = context.parameters.get("id", as: Int64.self), let session = try await metering.meteredSession(id: id),
              user.role == .admin || session.agentUserId == user.id
        else { throw Problem.notFound("metered session") }
        let input = try await RequestJSON.decode(Correction.self, from: request, limit: maxBodyBytes, fields: Correction.fields)
        let reason = try TextValidation.text(input.reason, field: "reason", maximum: 1000)
        if let raw = input.rawSeconds, !(0...(72 * 3600)).contains(raw) {
            throw Problem.invalidField("rawSeconds", "must be 0 to 259200 seconds (72 hours)")
        }
        let kind = try input.kind.map(Self.kind)
        guard input.rawSeconds != nil || kind != nil else {
            throw Problem.invalidField("rawSeconds", "or kind must be given: say what the correction changes")
        }
        do {
            return APIResponse(.ok, try await metering.correctMetered(
                id: id, rawSeconds: input.rawSeconds, kind: kind, billing: billing, reason: reason, by: user.id, at: Date()))
        } catch MeteringError.stillRunning {
            throw Problem(
                status: .conflict, code: "metered_running", title: "Still running",
                detail: "Metered session \(id) is still running: stop it first, then correct it.")
        } catch MeteringError.invoiced(let number) {
            throw Problem(
                status: .conflict, code: "metered_invoiced", title: "Already invoiced",
                detail: "Metered session \(id) is on invoice \(number) and can no longer change: cancel that invoice with a credit note first.")
        }
    }

    private static func kind(_ text: String) throws -> MeteredKind {
        guard let kind = MeteredKind(rawValue: text) else { throw Problem.invalidField("kind", "must be install, update or update-repair (R-3.2)") }
        return kind
    }

    private func runningProblem(_ id: Int64) -> Problem {
        Problem(
            status: .conflict, code: "agent_has_running_session", title: "A session is running",
            detail: "You have metered session \(id) running: stop it first (POST /v1/metered/\(id)/stop); an agent times one thing at a time.")
    }
}
