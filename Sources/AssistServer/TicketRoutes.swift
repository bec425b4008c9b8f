import AssistCore
import Foundation
import Hummingbird

/// Tickets (R-4.2 … R-4.10, R-5), the outbox and the queue (R-2.2).
///
/// A customer user sees and writes only its own customer's tickets (anything else is 404);
/// agents and admins work all of them; accounting may read but not act.
struct TicketRoutes {
    let accounts: any AccountStore
    let contracts: any ContractStore
    let tickets: any TicketStore
    let calculators: DeadlineCalculatorSource
    let vip: any VIPContactStore
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/tickets") { request, context in try await create(request, context) }
        group.get("/tickets") { request, context in
            let user = try context.requireRole(.admin, .agent, .accounting, .customer)
            let query = try QueryParameters(request, allowed: ["state", "customerId"])
            let state = try query.value(
                "state", expected: "a ticket state, one of \(TicketState.allCases.map(\.rawValue).joined(separator: ", "))", TicketState.init(rawValue:))
            let asked = try query.id("customerId")
            let customerId = user.role == .customer ? user.customerId : asked
            return APIResponse(.ok, try await tickets.tickets(customerId: customerId, state: state))
        }
        group.get("/tickets/:tid") { _, context in
            let (user, ticket) = try await visibleTicket(context)
            return APIResponse(.ok, try await view(ticket, for: user))
        }
        group.post("/tickets/:tid/messages") { request, context in try await reply(request, context) }
        group.post("/tickets/:tid/state") { request, context in try await changeState(request, context) }
        group.post("/tickets/:tid/level") { request, context in try await changeLevel(request, context) }
        group.post("/tickets/:tid/rating") { request, context in try await rate(request, context) }
        group.post("/tickets/:tid/problems") { request, context in try await addProblem(request, context) }
        group.post("/tickets/:tid/split") { request, context in try await split(request, context) }
        group.post("/tickets/:tid/reassign") { request, context in try await reassign(request, context) }

        group.get("/notifications") { _, context in
            _ = try context.requireRole(.admin, .agent)
            return APIResponse(.ok, try await tickets.notifications())
        }
        group.get("/queue") { _, context in
            _ = try context.requireRole(.admin, .agent)
            return APIResponse(.ok, try await queue())
        }
    }

    // MARK: - Creating

    private func create(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let user = try context.requireRole(.admin, .agent, .customer)
        let input = try await RequestJSON.decode(
            TicketInputs.NewTicket.self, from: request, limit: maxBodyBytes, fields: TicketInputs.NewTicket.fields)
        guard let problemClass = ProblemClass(rawValue: input.problemClass) else {
            throw Problem.invalidField("problemClass", "must be operational (the product stopped working) or standard")
        }
        let customerId: Int64
        let sender: String
        if user.role == .customer {
            guard input.customerId == nil || input.customerId == user.customerId, let own = user.customerId else {
                throw Problem.invalidField("customerId", "is not yours: leave it out, your tickets go to your own customer")
            }
            customerId = own
            guard let address = try AccountValidation.email(input.senderEmail) ?? user.email else {
                throw Problem.invalidField("senderEmail", "is missing and your account has no e-mail: give the address to answer")
            }
            sender = address
        } else {
            guard let id = input.customerId else { throw Problem.invalidField("customerId", "is missing: say which customer the ticket is for") }
            guard let address = try AccountValidation.email(input.senderEmail) else {
                throw Problem.invalidField("senderEmail", "is missing: give the customer's address the ticket came from")
            }
            customerId = id
            sender = address
        }
        guard try await accounts.customer(id: customerId) != nil else {
            throw Problem(
                status: .unprocessableContent, code: "customer_not_found", title: "No such customer",
                detail: "There is no customer \(customerId): check the id (GET /v1/customers).")
        }
        let accepted = try await accept(
            customerId: customerId, sender: sender, subject: try TextValidation.line(input.subject, field: "subject", maximum: 200),
            description: try TextValidation.text(input.description, field: "description", maximum: 20_000),
            steps: try TextValidation.optionalText(input.stepsToReproduce, field: "stepsToReproduce", maximum: 20_000),
            version: try TextValidation.line(input.productVersion, field: "productVersion", maximum: 50),
            problemClass: problemClass, createdBy: user.id)
        return APIResponse(.created, try await view(accepted, for: user))
    }

    /// Assigns the SLA level (tier in force × problem class × R-4.7 sender rule), fixes the
    /// deadline with the calendar revision, and accepts the ticket (as a split, given `origin`).
    func accept(
        customerId: Int64, sender: String, subject: String, description: String, steps: String?, version: String,
        problemClass: ProblemClass, createdBy: Int64?, splitFrom origin: Ticket? = nil
    ) async throws -> Ticket {
        let now = Date()
        let tier = Contract.tierInForce(try await contracts.contracts(customerId: customerId), at: now).tier
        let registered = try await contracts.isRegisteredSender(sender, customerId: customerId)
        let level = SLAAssignment.level(tier: tier, problemClass: problemClass, senderIsRegistered: registered)
        let new = NewTicket(
            customerId: customerId, subject: subject, description: description, stepsToReproduce: steps, productVersion: version,
            problemClass: problemClass, senderEmail: sender, deadline: try await calculators.current().deadline(for: level, receivedAt: now),
            createdByUserId: createdBy)
        let accepted = if let origin {
            try await tickets.acceptSplit(new, from: origin, at: now)
        } else {
            try await tickets.acceptTicket(new, at: now)
        }
        if accepted.slaLevel == .vip {
            // R-2.5.3: a responsible agent and their phone, or pending with the admins told.
            _ = try await vip.assignPendingVIPTickets(at: now)
        }
        return accepted
    }

    // MARK: - Working

    private func reply(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        guard user.role != .accounting else { throw Problem.forbidden("Accounting may read tickets but not write to them.") }
        let input = try await RequestJSON.decode(TicketInputs.Reply.self, from: request, limit: maxBodyBytes, fields: TicketInputs.Reply.fields)
        let body = try TextValidation.text(input.body, field: "body", maximum: 20_000)
        do {
            let (updated, _) = try await tickets.addMessage(
                ticketId: ticket.id, author: user.role == .customer ? .customer : .agent, authorUserId: user.id,
                authorEmail: user.email, body: body, at: Date())
            return APIResponse(.created, try await view(updated, for: user))
        } catch TicketStoreError.closed {
            throw Problem(
                status: .conflict, code: "ticket_closed", title: "Ticket closed",
                detail: "\(ticket.tid) is closed: open a new ticket for a new question.")
        }
    }

    private func changeState(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        _ = try context.requireRole(.admin, .agent)
        let input = try await RequestJSON.decode(
            TicketInputs.StateChange.self, from: request, limit: maxBodyBytes, fields: TicketInputs.StateChange.fields)
        guard let state = TicketState(rawValue: input.state) else {
            throw Problem.invalidField("state", "must be one of \(TicketState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let reasons = PostponeReason.allCases.map(\.rawValue).joined(separator: ", ")
        var reason: PostponeReason?
        if state.needsReason {
            guard let text = input.reason, let parsed = PostponeReason(rawValue: text) else {
                throw Problem(
                    status: .badRequest, code: "reason_required", title: "Reason required",
                    detail: "A ticket is \(state.rawValue) only with an R-4.9 reason: send reason, one of \(reasons).")
            }
            reason = parsed
        } else if input.reason != nil {
            throw Problem.invalidField("reason", "is only for postponed or refused: leave it out")
        }
        do {
            let updated = try await tickets.changeState(ticketId: ticket.id, to: state, reason: reason, actorUserId: user.id, at: Date())
            return APIResponse(.ok, try await view(updated, for: user))
        } catch TicketStoreError.transitionNotAllowed(let from, let to) {
            let allowed = from.next.map(\.rawValue).sorted().joined(separator: ", ")
            throw Problem(
                status: .conflict, code: "transition_not_allowed", title: "State change not allowed",
                detail: "\(ticket.tid) cannot go from \(from.rawValue) to \(to.rawValue): from \(from.rawValue) it may go to \(allowed.isEmpty ? "nothing (final)" : allowed).")
        }
    }

    private func changeLevel(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        _ = try context.requireRole(.admin, .agent)
        let input = try await RequestJSON.decode(
            TicketInputs.LevelChange.self, from: request, limit: maxBodyBytes, fields: TicketInputs.LevelChange.fields)
        // R-2.5.5 staff may move any ticket to consulting; R-2.5.6 development takes it over.
        guard let level = SLALevel(rawValue: input.level), level == .consulting || level == .development else {
            throw Problem.invalidField("level", "must be consulting (R-2.5.5) or development (R-2.5.6)")
        }
        guard ticket.state.isOpen || ticket.state == .postponed else {
            throw Problem(
                status: .conflict, code: "ticket_not_open", title: "Ticket not open",
                detail: "\(ticket.tid) is \(ticket.state.rawValue): reopen it before moving it to another level.")
        }
        let now = Date()
        let updated = try await tickets.changeLevel(
            ticketId: ticket.id, to: try await calculators.current().deadline(for: level, receivedAt: now), actorUserId: user.id, at: now)
        return APIResponse(.ok, try await view(updated, for: user))
    }

    private func rate(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        guard user.role == .customer else { throw Problem.forbidden("Only the customer rates the work (R-5).") }
        let input = try await RequestJSON.decode(TicketInputs.Rating.self, from: request, limit: maxBodyBytes, fields: TicketInputs.Rating.fields)
        guard (1...5).contains(input.score) else { throw Problem.invalidField("score", "must be from 1 to 5") }
        let comment = try TextValidation.optionalText(input.comment, field: "comment", maximum: 2_000)
        do {
            let updated = try await tickets.rate(ticketId: ticket.id, score: input.score, comment: comment, at: Date())
            return APIResponse(.ok, try await view(updated, for: user))
        } catch TicketStoreError.notResolved(let state) {
            throw Problem(
                status: .conflict, code: "not_resolved", title: "Not resolved yet",
                detail: "\(ticket.tid) is \(state.rawValue): the work is rated once it is resolved.")
        } catch TicketStoreError.alreadyRated {
            throw Problem(
                status: .conflict, code: "already_rated", title: "Already rated",
                detail: "\(ticket.tid) has its rating already: a ticket is rated once.")
        }
    }

    // MARK: - Problems (R-2.5.3)

    private func addProblem(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        guard user.role != .accounting else { throw Problem.forbidden("Accounting may read tickets but not write to them.") }
        let input = try await RequestJSON.decode(TicketInputs.Problem.self, from: request, limit: maxBodyBytes, fields: TicketInputs.Problem.fields)
        let description = try TextValidation.text(input.description, field: "description", maximum: 20_000)
        do {
            _ = try await tickets.addProblem(ticketId: ticket.id, description: description, by: user.id, at: Date())
        } catch TicketStoreError.vipSecondProblem {
            throw Problem(
                status: .conflict, code: "vip_second_problem", title: "A VIP ticket takes one problem",
                detail: "\(ticket.tid) is a VIP ticket, and one VIP ticket solves exactly one problem (R-2.5.3): split it (POST /v1/tickets/\(ticket.tid)/split) to open a new VIP ticket for this one.")
        } catch TicketStoreError.closed {
            throw Problem(status: .conflict, code: "ticket_closed", title: "Ticket closed", detail: "\(ticket.tid) is closed: open a new ticket.")
        }
        return APIResponse(.created, try await view(ticket, for: user))
    }

    private func split(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, origin) = try await visibleTicket(context)
        guard user.role != .accounting else { throw Problem.forbidden("Accounting may read tickets but not write to them.") }
        let input = try await RequestJSON.decode(TicketInputs.Split.self, from: request, limit: maxBodyBytes, fields: TicketInputs.Split.fields)
        var problemClass = origin.problemClass
        if let text = input.problemClass {
            guard let parsed = ProblemClass(rawValue: text) else {
                throw Problem.invalidField("problemClass", "must be operational (the product stopped working) or standard")
            }
            problemClass = parsed
        }
        let ticket = try await accept(
            customerId: origin.customerId, sender: origin.senderEmail,
            subject: try TextValidation.line(input.subject, field: "subject", maximum: 200),
            description: try TextValidation.text(input.description, field: "description", maximum: 20_000),
            steps: nil, version: origin.productVersion, problemClass: problemClass, createdBy: user.id, splitFrom: origin)
        return APIResponse(.created, try await view(ticket, for: user))
    }

    private func reassign(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<TicketView> {
        let (user, ticket) = try await visibleTicket(context)
        _ = try context.requireRole(.admin, .agent)
        let input = try await RequestJSON.decode(TicketInputs.Reassign.self, from: request, limit: maxBodyBytes, fields: TicketInputs.Reassign.fields)
        guard ticket.slaLevel == .vip, ticket.state.isOpen else {
            throw Problem(
                status: .conflict, code: "not_open_vip", title: "Not an open VIP ticket",
                detail: "\(ticket.tid) is not an open VIP ticket: only those have a responsible agent (R-2.5.3).")
        }
        do {
            guard try await vip.reassignVIPTicket(ticketId: ticket.id, to: input.agentId, by: user.id, at: Date()) != nil else {
                throw Problem(
                    status: .conflict, code: "no_agent_on_duty", title: "No other agent on duty",
                    detail: "No other agent with a phone is on duty: ask one to come on duty (assist duty on), then reassign.")
            }
        } catch VIPContactError.agentNotAvailable {
            throw Problem(
                status: .unprocessableContent, code: "agent_not_available", title: "Agent not available",
                detail: "That user is not an enabled agent on duty with a phone: choose one who is, or leave agentId out to pick the best.")
        }
        return APIResponse(.ok, try await view(ticket, for: user))
    }

    // MARK: - Reading

    private func visibleTicket(_ context: AssistRequestContext) async throws -> (UserAccount, Ticket) {
        try await TicketAccess.visibleTicket(context, tickets: tickets)
    }

    private func view(_ ticket: Ticket, for user: UserAccount) async throws -> TicketView {
        let contact = ticket.slaLevel == .vip ? try await vip.vipContact(ticketId: ticket.id) : nil
        return TicketView(
            ticket: ticket, problems: try await tickets.problems(ticketId: ticket.id), messages: try await tickets.messages(ticketId: ticket.id),
            events: user.role == .customer ? nil : try await tickets.events(ticketId: ticket.id),
            vipContact: contact, vipContactPending: ticket.slaLevel == .vip ? contact == nil : nil)
    }

    private func queue() async throws -> QueueView {
        let waiting = try await tickets.tickets(customerId: nil, state: nil).filter {
            // VIP tickets go straight into processing (R-2.5.3); the queue is for the rest.
            $0.state.isOpen && $0.firstResponseAt == nil && $0.slaLevel != .vip
        }
        var outOfTurn: [QueueView.Entry] = [], inTurn: [QueueView.Entry] = []
        for ticket in waiting {
            let reason = ticket.problemClass == .operational
                ? try await tickets.events(ticketId: ticket.id).first { $0.kind == .outOfTurn }?.detail : nil
            let entry = QueueView.Entry(
                tid: ticket.tid, customerId: ticket.customerId, subject: ticket.subject, slaLevel: ticket.slaLevel,
                receivedAt: ticket.receivedAt, reactionDeadline: ticket.reactionDeadline, outOfTurnReason: reason)
            if reason != nil { outOfTurn.append(entry) } else { inTurn.append(entry) }
        }
        return QueueView(outOfTurn: outOfTurn, inTurn: inTurn)
    }
}
