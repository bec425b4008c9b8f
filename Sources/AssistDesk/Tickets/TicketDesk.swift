import AssistCore
import Foundation

/// Tickets (R-4.2 … R-4.10, R-5), the outbox and the queue (R-2.2).
///
/// A customer user sees and writes only its own customer's tickets (anything else is "not
/// found"); agents and admins work all of them; accounting may read but not act.
public struct TicketDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let calculators: DeadlineCalculatorSource
    /// R-5: who hears of escalations; nil: the admins.
    let headOfSupportUserId: Int64?
    let attachmentLimits: AttachmentLimits
    /// Inflates what ZIP attachments hold, so R-4.6 judges it by its bytes.
    let deflate: any DeflateReader

    /// E-mail says nothing of the version (R-4.2 asks for it); agents ask in the thread.
    public static let unknownVersion = "не указана"

    // MARK: - Reading

    /// Tickets, optionally of one state; a customer user gets only its own customer's.
    public func list(_ actor: UserAccount, state: TicketState?, customerId: Int64?) async throws -> [Ticket] {
        try actor.require(.admin, .agent, .accounting, .customer)
        return try await stores.tickets.tickets(customerId: actor.role == .customer ? actor.customerId : customerId, state: state)
    }

    /// A ticket with its thread (and events, for staff).
    public func view(_ actor: UserAccount, tid: String) async throws -> TicketView {
        try await view(visible(tid, actor), for: actor)
    }

    /// The notifications outbox, with each one's delivery state. Agents see the letters about
    /// tickets, the customers' correspondence they work in; letters about people's accounts
    /// (set-password links, staff notices) are for admins. No letter's stored text holds a
    /// secret for anyone to see (`LetterSecret`).
    public func notifications(_ actor: UserAccount) async throws -> [OutboxNotification] {
        try actor.require(.admin, .agent)
        let letters = try await stores.tickets.notifications()
        return actor.role == .admin ? letters : letters.filter { $0.ticketId != nil }
    }

    /// An admin puts a failed notification back in the queue.
    public func retryNotification(_ actor: UserAccount, id: Int64) async throws -> OutboxNotification {
        try actor.require(.admin)
        guard let notification = try await stores.outbox.retryNotification(id: id, by: actor.id, at: clock.now) else {
            throw DeskError.notFound("notification")
        }
        return notification
    }

    /// Addresses mail could not be delivered to, for staff to check.
    public func flaggedAddresses(_ actor: UserAccount) async throws -> [FlaggedAddress] {
        try actor.require(.admin, .agent)
        return try await stores.outbox.flaggedAddresses()
    }

    /// Open tickets still waiting for their first reaction: out of turn, then arrival order (R-2.2).
    public func queue(_ actor: UserAccount) async throws -> QueueView {
        try actor.require(.admin, .agent)
        let waiting = try await stores.tickets.tickets(customerId: nil, state: nil).filter {
            // VIP tickets go straight into processing (R-2.5.3); the queue is for the rest.
            $0.state.isOpen && $0.slaLevel != .vip && ($0.firstResponseAt == nil || $0.nextReactionDue != nil)
        }
        // One read for every reason, not one per operational ticket.
        let reasons = try await stores.tickets.outOfTurnReasons()
        var outOfTurn: [QueueView.Entry] = [], inTurn: [QueueView.Entry] = []
        for ticket in waiting {
            let first = ticket.firstResponseAt == nil
            let reason = first && OutOfTurn.applies(to: ticket) ? reasons[ticket.id] : nil
            let entry = QueueView.Entry(
                tid: ticket.tid, customerId: ticket.customerId, subject: ticket.subject, slaLevel: ticket.slaLevel,
                receivedAt: ticket.receivedAt, reactionDeadline: ticket.reactionDeadline, outOfTurnReason: reason,
                waitingFor: first ? .firstReaction : .nextReaction, waitingSince: first ? ticket.receivedAt : ticket.nextReactionSince ?? ticket.receivedAt,
                dueAt: first ? ticket.reactionDeadline : ticket.nextReactionDue ?? ticket.reactionDeadline)
            if reason != nil { outOfTurn.append(entry) } else { inTurn.append(entry) }
        }
        // Arrival order: a first reaction by when the ticket came, a next one by when the customer wrote.
        inTurn.sort { ($0.waitingSince, $0.tid) < ($1.waitingSince, $1.tid) }
        return QueueView(outOfTurn: outOfTurn, inTurn: inTurn)
    }

    // MARK: - Filing

    /// Files a ticket. A customer user files for its own customer from its own address (R-4.7:
    /// the address decides the level, so a customer cannot borrow its licence address); staff
    /// file for any customer and sender.
    public func create(
        _ actor: UserAccount, _ input: TicketInputs.NewTicket, attachments files: [IncomingFile] = [], via channel: MessageChannel
    ) async throws -> TicketView {
        try actor.require(.admin, .agent, .customer)
        let problemClass = try Self.problemClass(input.problemClass)
        let customerId: Int64
        let sender: String
        if actor.role == .customer {
            guard input.customerId == nil || input.customerId == actor.customerId, let own = actor.customerId else {
                throw DeskError.invalidField("customerId", "is not yours: leave it out, your tickets go to your own customer")
            }
            guard let address = actor.email else {
                throw DeskError.invalidField("senderEmail", "cannot be yours: your account has no e-mail address; ask an admin to add one")
            }
            if let given = try AccountValidation.email(input.senderEmail), given != address {
                throw DeskError.invalidField(
                    "senderEmail", "must be your own address (\(address)) or left out: only support staff file a ticket for another sender (R-4.7)")
            }
            customerId = own
            sender = address
        } else {
            guard let id = input.customerId else { throw DeskError.invalidField("customerId", "is missing: say which customer the ticket is for") }
            guard let address = try AccountValidation.email(input.senderEmail) else {
                throw DeskError.invalidField("senderEmail", "is missing: give the customer's address the ticket came from")
            }
            customerId = id
            sender = address
        }
        let accepted = try await accept(
            customerId: customerId, sender: sender, subject: try TextValidation.line(input.subject, field: "subject", maximum: 200),
            description: try TextValidation.text(input.description, field: "description", maximum: 20_000),
            steps: try TextValidation.optionalText(input.stepsToReproduce, field: "stepsToReproduce", maximum: 20_000),
            version: try TextValidation.line(input.productVersion, field: "productVersion", maximum: 50),
            problemClass: problemClass, createdBy: actor.id, channel: MessageChannel.filing(via: channel, by: actor), attachments: try accepted(files))
        return try await view(accepted, for: actor)
    }

    /// Assigns the SLA level (tier in force × problem class × R-4.7 sender rule), fixes the
    /// deadline with the calendar revision, and accepts the ticket (as a split, given `origin`).
    func accept(
        customerId: Int64, sender: String, subject: String, description: String, steps: String?, version: String,
        problemClass: ProblemClass, createdBy: Int64?, channel: MessageChannel, letterId: String? = nil, splitFrom origin: Ticket? = nil,
        attachments: [NewAttachment] = [], trust: SenderTrust.Verdict? = nil, letterCap: Int? = nil
    ) async throws -> AcceptedTicket {
        let now = clock.now
        let calculator = try await calculators.current()
        let accepted: AcceptedTicket
        do {
            // Runs in the transaction that files the ticket, on the terms it read.
            accepted = try await stores.tickets.acceptTicket(
                customerId: customerId, sender: sender, splitFrom: origin, countingLettersSince: letterCap.map { _ in LetterCap.dayStart(of: now) },
                at: now
            ) { terms in
                if let letterCap { try LetterCap.check(openedToday: terms.ticketsOpenedByLettersToday, cap: letterCap) }
                let tier = Contract.tierInForce(terms.contracts, at: now).tier
                let assigned = SLAAssignment.assign(tier: tier, problemClass: problemClass, senderIsRegistered: terms.senderIsRegistered, trust: trust)
                var new = NewTicket(
                    customerId: customerId, subject: subject, description: description, stepsToReproduce: steps, productVersion: version,
                    problemClass: problemClass, senderEmail: sender, deadline: calculator.deadline(for: assigned.level, receivedAt: now),
                    createdByUserId: createdBy, channel: channel, inboundMessageId: letterId)
                new.attachments = attachments
                new.notes = assigned.note.map { [$0] } ?? []
                return new
            } record: { ticket, new in
                TicketAcceptance(of: ticket, decided: new.notes)
            }
        } catch AccountStoreError.customerNotFound {
            throw DeskError.customerNotFound(customerId)
        }
        if accepted.ticket.slaLevel == .vip {
            // R-2.5.3: a responsible agent and their phone, or pending with the admins told.
            _ = try await stores.vip.assignPendingVIPTickets(at: now, decide: VIPAssignment.assign)
        }
        return accepted
    }

    // MARK: - Working

    /// A reply in the thread: an agent's first reply is the reaction; after it, a customer's
    /// message starts a next-reaction round that the agent's next reply ends (R-2.4).
    /// R-4.6: files come with it or not at all — one refused file refuses the message, saying
    /// which and why, so the sender can fix it and send again.
    public func reply(
        _ actor: UserAccount, tid: String, _ input: TicketInputs.Reply, attachments files: [IncomingFile] = [], via channel: MessageChannel
    ) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        guard actor.role != .accounting else { throw DeskError.accountingReadsOnly }
        let body = try TextValidation.text(input.body, field: "body", maximum: 20_000)
        let updated = try await append(
            to: ticket, author: actor.role == .customer ? .customer : .agent, userId: actor.id, email: actor.email, body: body, channel: channel,
            attachments: try accepted(files))
        return try await view(updated, for: actor)
    }

    /// R-4.6: the files as stored, or a refusal naming each refused file and why.
    func accepted(_ files: [IncomingFile]) throws -> [NewAttachment] {
        let intake = AttachmentIntake(files, limits: attachmentLimits, deflate: deflate)
        guard intake.refused.isEmpty else { throw DeskError.attachmentRefused(intake.refused) }
        return intake.accepted
    }

    /// R-4.6: one attachment with its bytes, for the ticket's customer and staff only.
    public func attachment(_ actor: UserAccount, tid: String, id: Int64) async throws -> AttachmentContent {
        let ticket = try await visible(tid, actor)
        guard let content = try await stores.tickets.attachment(id: id), content.ticketId == ticket.id else {
            throw DeskError.notFound("attachment on \(tid)")
        }
        return content
    }

    /// Appends a message, with the next-reaction deadline a customer's message would start.
    func append(
        to ticket: Ticket, author: TicketMessage.Author, userId: Int64?, email: String?, body: String, channel: MessageChannel,
        letterId: String? = nil, attachments: [NewAttachment] = [], notes: [TicketRecordNote] = []
    ) async throws -> Ticket {
        let now = clock.now
        let nextReaction = author == .customer ? try await calculators.current().deadline(for: ticket.slaLevel, receivedAt: now) : nil
        var agentName: String?
        if author == .agent {
            var name: String?
            if let userId { name = try await stores.accounts.user(id: userId)?.displayName }
            agentName = name ?? "Специалист поддержки"
        }
        let answeredAs = agentName
        do {
            return try await stores.tickets.addMessage(
                ticketId: ticket.id, author: author, authorUserId: userId, authorEmail: email, body: body, channel: channel,
                inboundMessageId: letterId, attachments: attachments, at: now
            ) { current in
                var change = try ThreadRule.message(by: author, to: current, at: now, nextReaction: nextReaction)
                change.records += notes
                if let answeredAs { change.letters.append(ThreadRule.answerLetter(on: current, agentName: answeredAs, text: body)) }
                return change
            }.0
        } catch ThreadRule.Refusal.closed {
            throw DeskError.ticketClosed(ticket.tid)
        }
    }

    /// R-2.5.1 / R-2.5.2 both ways (`ClassRule`): staff confirm that an operational ticket is an
    /// emergency, move it to the standard level with a reason, or make a standard ticket
    /// operational with a reason; the new deadline counts from the same clock start, and the
    /// queue follows (out of turn, or not).
    public func decideClass(_ actor: UserAccount, tid: String, _ input: TicketInputs.ClassDecision) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        try actor.require(.admin, .agent)
        let decision: ClassRule.Decision
        switch input.decision {
        case "confirm":
            if input.reason != nil { throw DeskError.invalidField("reason", "is only for a change of class: leave it out") }
            decision = .confirm
        case "standard", "operational":
            guard let text = input.reason else {
                throw DeskError(
                    .invalid, code: .reasonRequired, title: "Reason required",
                    detail: "A change of class needs a reason (R-2.5.1): say why it is \(input.decision == "standard" ? "not " : "")an emergency.")
            }
            let reason = try TextValidation.line(text, field: "reason", maximum: 500)
            decision = input.decision == "standard" ? .standard(reason: reason) : .operational(reason: reason)
        default:
            throw DeskError.invalidField(
                "decision", "must be confirm (it is an emergency), standard (it is not; give a reason) or operational (it is one after all; give a reason)")
        }
        let now = clock.now
        let calculator = try await calculators.current()
        do {
            let updated = try await stores.tickets.decideClass(ticketId: ticket.id, actorUserId: actor.id, at: now) { current in
                let target = ClassRule.target(of: decision, for: current)
                let deadline = target.map { calculator.deadline(for: $0, receivedAt: current.receivedAt) }
                let round = target.flatMap { level in current.nextReactionSince.map { calculator.deadline(for: level, receivedAt: $0) } }
                return try ClassRule.decide(current, decision, deadline: deadline, round: round, at: now, by: actor.id)
            }
            return try await view(updated, for: actor)
        } catch let refusal as ClassRule.Refusal {
            switch refusal {
            case .nothingToDecide(let level):
                throw DeskError(
                    .conflict, code: .notOperational, title: "Nothing to decide",
                    detail: "\(ticket.tid) is not an operational ticket awaiting confirmation (its level is \(level.rawValue)): nothing changed.")
            case .noOperationalLevel(let level):
                throw DeskError(
                    .conflict, code: .noOperationalLevel, title: "No operational level",
                    detail: "\(ticket.tid) is at \(level.rawValue), which has no operational level (non-commercial support is general usage only; consulting, development and VIP keep theirs): nothing changed.")
            }
        }
    }

    /// R-5: the customer writes to the head of support about a ticket (a comment, or speed on an
    /// urgent one). Recorded each time; the head is told at most once per ticket per working day.
    public func escalate(_ actor: UserAccount, tid: String, _ input: TicketInputs.Escalation) async throws -> EscalationResult {
        let ticket = try await visible(tid, actor)
        guard actor.role == .customer else { throw DeskError.forbidden("The customer escalates a ticket to the head of support (R-5).") }
        let message = try TextValidation.text(input.message, field: "message", maximum: 5_000)
        let (updated, notified) = try await escalate(ticket, message: message, by: actor.id)
        return EscalationResult(ticket: try await view(updated, for: actor), headNotified: notified)
    }

    /// R-5 for a customer in the console or the API, or a letter to the head of support's
    /// address (`by` nil): `EscalationRule` decides whether and whom to tell.
    func escalate(_ ticket: Ticket, message: String, by userId: Int64?) async throws -> (ticket: Ticket, notified: Bool) {
        do {
            try EscalationRule.check(ticket)
        } catch {
            throw DeskError.ticketClosed(ticket.tid)
        }
        var head: UserAccount?
        if let id = headOfSupportUserId { head = try await stores.accounts.user(id: id) }
        let recipients = EscalationRule.recipients(head: head, users: try await stores.accounts.users())
        let now = clock.now
        let workingDay = EscalationRule.workingDay(of: now, calendar: try await calculators.current().calendar)
        return try await stores.tickets.escalate(ticketId: ticket.id, message: message, by: userId, workingDay: workingDay, at: now) { current, toldAlready in
            EscalationRule.escalate(current, message: message, recipients: recipients, toldAlready: toldAlready)
        }
    }

    /// A state change; postponed and refused need an R-4.9 reason.
    public func changeState(_ actor: UserAccount, tid: String, _ input: TicketInputs.StateChange) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        try actor.require(.admin, .agent)
        guard let state = TicketState(rawValue: input.state) else {
            throw DeskError.invalidField("state", "must be one of \(TicketState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let reasons = PostponeReason.allCases.map(\.rawValue).joined(separator: ", ")
        var reason: PostponeReason?
        if state.needsReason {
            guard let text = input.reason, let parsed = PostponeReason(rawValue: text) else {
                throw DeskError(
                    .invalid, code: .reasonRequired, title: "Reason required",
                    detail: "A ticket is \(state.rawValue) only with an R-4.9 reason: send reason, one of \(reasons).")
            }
            reason = parsed
        } else if input.reason != nil {
            throw DeskError.invalidField("reason", "is only for postponed or refused: leave it out")
        }
        let now = clock.now
        let chosenReason = reason
        do {
            let updated = try await stores.tickets.changeState(ticketId: ticket.id, actorUserId: actor.id, at: now) { current in
                try StateRule.change(current, to: state, reason: chosenReason, at: now)
            }
            return try await view(updated, for: actor)
        } catch StateRule.Refusal.transitionNotAllowed(let from, let to) {
            let allowed = from.next.map(\.rawValue).sorted().joined(separator: ", ")
            throw DeskError(
                .conflict, code: .transitionNotAllowed, title: "State change not allowed",
                detail: "\(ticket.tid) cannot go from \(from.rawValue) to \(to.rawValue): from \(from.rawValue) it may go to \(allowed.isEmpty ? "nothing (final)" : allowed).")
        }
    }

    /// R-2.5.5 staff may move any ticket to consulting; R-2.5.6 development takes it over
    /// (`LevelMove` decides where). The new level's clock starts now; the event log keeps the old one.
    public func changeLevel(_ actor: UserAccount, tid: String, _ input: TicketInputs.LevelChange) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        try actor.require(.admin, .agent)
        guard let level = SLALevel(rawValue: input.level) else {
            throw DeskError.invalidField("level", "must be consulting (R-2.5.5) or development (R-2.5.6)")
        }
        let now = clock.now
        let tier = Contract.tierInForce(try await stores.contracts.contracts(customerId: ticket.customerId), at: now).tier
        let deadline = try await calculators.current().deadline(for: level, receivedAt: now)
        do {
            let updated = try await stores.tickets.changeLevel(ticketId: ticket.id, actorUserId: actor.id, at: now) { current in
                try LevelMove.move(current, to: deadline, tierInForce: tier, by: actor.id)
            }
            return try await view(updated, for: actor)
        } catch let refusal as LevelMove.Refusal {
            throw DeskError(refusal, tid: ticket.tid)
        }
    }

    /// R-5: the customer rates the work once, after resolution.
    public func rate(_ actor: UserAccount, tid: String, _ input: TicketInputs.Rating) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        guard actor.role == .customer else { throw DeskError.forbidden("Only the customer rates the work (R-5).") }
        guard (1...5).contains(input.score) else { throw DeskError.invalidField("score", "must be from 1 to 5") }
        let comment = try TextValidation.optionalText(input.comment, field: "comment", maximum: 2_000)
        let score = input.score
        do {
            let updated = try await stores.tickets.rate(ticketId: ticket.id, score: score, comment: comment, at: clock.now) { current in
                try RatingRule.check(rating: current)
                return RatingRule.note(score: score)
            }
            return try await view(updated, for: actor)
        } catch RatingRule.Refusal.notResolved(let state) {
            throw DeskError(
                .conflict, code: .notResolved, title: "Not resolved yet",
                detail: "\(ticket.tid) is \(state.rawValue): the work is rated once it is resolved.")
        } catch RatingRule.Refusal.alreadyRated {
            throw DeskError(.conflict, code: .alreadyRated, title: "Already rated", detail: "\(ticket.tid) has its rating already: a ticket is rated once.")
        }
    }

    // MARK: - Problems (R-2.5.3)

    /// A further problem on the ticket; a VIP ticket takes one problem only.
    public func addProblem(_ actor: UserAccount, tid: String, _ input: TicketInputs.Problem) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        guard actor.role != .accounting else { throw DeskError.accountingReadsOnly }
        let description = try TextValidation.text(input.description, field: "description", maximum: 20_000)
        do {
            _ = try await stores.tickets.addProblem(ticketId: ticket.id, description: description, by: actor.id, at: clock.now) {
                try ProblemRule.check(adding: $0)
            }
        } catch ProblemRule.Refusal.vipTicket {
            throw DeskError(
                .conflict, code: .vipSecondProblem, title: "A VIP ticket takes one problem",
                detail: "\(ticket.tid) is a VIP ticket, and one VIP ticket solves exactly one problem (R-2.5.3): split it (POST /v1/tickets/\(ticket.tid)/split) to open a new VIP ticket for this one.")
        } catch ProblemRule.Refusal.closed {
            throw DeskError.ticketClosed(ticket.tid)
        }
        return try await view(ticket, for: actor)
    }

    /// A new ticket for a further problem, linked to this one, with its own TID and clock; its
    /// sender (and so its level) as `SplitRule` decides.
    public func split(_ actor: UserAccount, tid: String, _ input: TicketInputs.Split, via channel: MessageChannel) async throws -> TicketView {
        let origin = try await visible(tid, actor)
        guard actor.role != .accounting else { throw DeskError.accountingReadsOnly }
        let problemClass = try input.problemClass.map(Self.problemClass) ?? origin.problemClass
        let sender: String
        do {
            sender = try SplitRule.sender(splitting: origin, by: actor)
        } catch .closed {
            throw DeskError.ticketClosed(origin.tid)
        } catch .noAddress {
            throw DeskError.invalidField("senderEmail", "cannot be yours: your account has no e-mail address; ask an admin to add one")
        }
        let accepted = try await accept(
            customerId: origin.customerId, sender: sender,
            subject: try TextValidation.line(input.subject, field: "subject", maximum: 200),
            description: try TextValidation.text(input.description, field: "description", maximum: 20_000),
            steps: nil, version: origin.productVersion, problemClass: problemClass, createdBy: actor.id,
            channel: MessageChannel.filing(via: channel, by: actor), splitFrom: origin)
        return try await view(accepted, for: actor)
    }

    /// Another agent becomes responsible for an open VIP ticket; the new phone is disclosed.
    public func reassign(_ actor: UserAccount, tid: String, _ input: TicketInputs.Reassign) async throws -> TicketView {
        let ticket = try await visible(tid, actor)
        try actor.require(.admin, .agent)
        guard ticket.slaLevel == .vip, ticket.state.isOpen else {
            throw DeskError(
                .conflict, code: .notOpenVip, title: "Not an open VIP ticket",
                detail: "\(ticket.tid) is not an open VIP ticket: only those have a responsible agent (R-2.5.3).")
        }
        do {
            let agentId = input.agentId, actorId = actor.id
            let reassigned = try await stores.vip.reassignVIPTicket(ticketId: ticket.id, at: clock.now) {
                try VIPAssignment.reassign($0, to: agentId, by: actorId)
            }
            guard reassigned != nil else {
                throw DeskError(
                    .conflict, code: .noAgentOnDuty, title: "No other agent on duty",
                    detail: "No other agent with a phone is on duty: ask one to come on duty (assist duty on), then reassign.")
            }
        } catch VIPAssignment.Refusal.agentNotAvailable {
            throw DeskError(
                .unprocessable, code: .agentNotAvailable, title: "Agent not available",
                detail: "That user is not an enabled agent on duty with a phone: choose one who is, or leave agentId out to pick the best.")
        }
        return try await view(ticket, for: actor)
    }

    // MARK: - Shared

    func visible(_ tid: String, _ actor: UserAccount) async throws -> Ticket {
        try await TicketAccess.visibleTicket(tid, actor: actor, tickets: stores.tickets)
    }

    func view(_ ticket: Ticket, for actor: UserAccount) async throws -> TicketView {
        let contact = ticket.slaLevel == .vip ? try await stores.vip.vipContact(ticketId: ticket.id) : nil
        let thread = try await stores.tickets.thread(ticketId: ticket.id, withEvents: actor.role != .customer)
        return Self.view(ticket, thread, contact: contact, for: actor)
    }

    /// A ticket just accepted, shown from what its acceptance returned. A VIP ticket is read
    /// again: assigning its responsible agent (R-2.5.3) changed it after that write.
    func view(_ accepted: AcceptedTicket, for actor: UserAccount) async throws -> TicketView {
        if accepted.ticket.slaLevel == .vip { return try await view(accepted.ticket, for: actor) }
        return Self.view(accepted.ticket, accepted.thread, contact: nil, for: actor)
    }

    private static func view(_ ticket: Ticket, _ thread: TicketThread, contact: VIPContact?, for actor: UserAccount) -> TicketView {
        TicketView(
            ticket: ticket, problems: thread.problems, messages: thread.messages,
            // Customers do not see the event log.
            events: actor.role == .customer ? nil : thread.events,
            vipContact: contact, vipContactPending: ticket.slaLevel == .vip ? contact == nil : nil,
            registration: thread.confirmationSent ? .accepted : .pending)
    }

    static func problemClass(_ text: String) throws -> ProblemClass {
        guard let parsed = ProblemClass(rawValue: text) else {
            throw DeskError.invalidField("problemClass", "must be operational (the product stopped working) or standard")
        }
        return parsed
    }
}
