import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// Tickets in the browser: the customer's list, the filing form and the thread with its
/// actions; for staff the same thread with the agent's actions (state, level, problems,
/// remote sessions, billed time). Each action calls one desk function and comes back to the
/// ticket with a notice, or shows the ticket again with the desk's refusal.
struct TicketPages: Sendable {
    let desk: Desk
    let renderer: WebRenderer

    static let notices = [
        // R-4.10: registered once its confirmation left; the page says whether it has yet.
        "filed": "Заявка записана. Регистрацию (R-4.10) подтвердит письмо на ваш адрес; её состояние и срок реакции — ниже.",
        "reply": "Сообщение добавлено в переписку.",
        "rate": "Спасибо за оценку.",
        "escalate": "Обращение передано руководителю поддержки.",
        "state": "Состояние заявки изменено.",
        "level": "Уровень поддержки изменён.",
        "class": "Решение по классу проблемы записано.",
        "problems": "Проблема добавлена к заявке.",
        "metering-start": "Учёт оплачиваемого времени начат.",
        "metering-stop": "Учёт оплачиваемого времени остановлен.",
        "phone-install": "Установка по телефону отмечена.",
        "reassign": "Ответственный специалист изменён.",
        "split": "Заявка выделена из исходной (R-2.5.3): одна проблема — одна заявка.",
    ]

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/tickets") { _, context in
            try await renderer.answer(context) { try await list(context) }
        }
        router.get("/tickets/new") { _, context in
            renderer.page("ticket-new", title: "Новая заявка", context: context, model: ["maxFiles": 20])
        }
        router.post("/tickets/new") { _, context in
            try await renderer.answer(context) { try await file(context) }
        }
        router.get("/tickets/:tid") { request, context in
            try await renderer.answer(context) {
                let notice = PageMessage.done(request, Self.notices)
                return try await ticket(
                    try context.parameters.require("tid"), context: context, message: notice,
                    wholeThread: request.uri.queryParameters["thread"] == "all")
            }
        }
        router.get("/tickets/:tid/attachments/:id") { _, context in
            try await renderer.answer(context) {
                AttachmentDownload.response(
                    try await desk.tickets.attachment(
                        try context.actor(), tid: try context.parameters.require("tid"), id: try context.parameters.require("id", as: Int64.self)))
            }
        }
        action("reply", on: router) { actor, tid, form in
            _ = try await desk.tickets.reply(actor, tid: tid, .init(body: form.fields["body"] ?? ""), attachments: form.files, via: .web)
            return nil
        }
        action("rate", on: router) { actor, tid, form in
            _ = try await desk.tickets.rate(actor, tid: tid, .init(score: Int(form["score"]) ?? 0, comment: form.text("comment")))
            return nil
        }
        action("escalate", on: router) { actor, tid, form in
            _ = try await desk.tickets.escalate(actor, tid: tid, .init(message: form.fields["message"] ?? ""))
            return nil
        }
        action("state", on: router) { actor, tid, form in
            _ = try await desk.tickets.changeState(actor, tid: tid, .init(state: form["state"], reason: form.text("reason")))
            return nil
        }
        action("level", on: router) { actor, tid, form in
            _ = try await desk.tickets.changeLevel(actor, tid: tid, .init(level: form["level"]))
            return nil
        }
        action("class", on: router) { actor, tid, form in
            _ = try await desk.tickets.decideClass(actor, tid: tid, .init(decision: form["decision"], reason: form.text("reason")))
            return nil
        }
        action("problems", on: router) { actor, tid, form in
            _ = try await desk.tickets.addProblem(actor, tid: tid, .init(description: form.fields["description"] ?? ""))
            return nil
        }
        action("reassign", on: router) { actor, tid, form in
            _ = try await desk.tickets.reassign(actor, tid: tid, .init(agentId: Int64(form["agentId"])))
            return nil
        }
        action("split", on: router) { actor, tid, form in
            let split = try await desk.tickets.split(
                actor, tid: tid, .init(subject: form.fields["subject"] ?? "", description: form.fields["description"] ?? ""), via: .web)
            return "/tickets/\(split.ticket.tid)?done=split"
        }
        action("sessions", on: router) { actor, tid, form in
            let opened = try await desk.sessions.open(
                actor, tid: tid, .init(tool: form["tool"], customerRemoteId: form["customerRemoteId"], agentRemoteId: form.text("agentRemoteId")))
            return "/sessions/\(opened.session.id)?done=opened"
        }
        action("metering-start", on: router) { actor, tid, form in
            _ = try await desk.metering.start(actor, tid: tid, .init(kind: form["kind"], channel: form["channel"]))
            return nil
        }
        action("metering-stop", on: router) { actor, _, form in
            _ = try await desk.metering.stop(actor, id: Int64(form["id"]) ?? 0)
            return nil
        }
        action("phone-install", on: router) { actor, tid, _ in
            _ = try await desk.entitlements.recordPhoneInstall(actor, tid: tid)
            return nil
        }
    }

    /// A form on the ticket page posted to `/tickets/{tid}/{name}`: on success back to the
    /// ticket (or where `run` says) with a notice; on a refusal, the ticket with the refusal.
    private func action(
        _ name: String, on router: RouterGroup<AssistRequestContext>,
        _ run: @escaping @Sendable (UserAccount, String, WebForm) async throws -> String?
    ) {
        router.post("/tickets/:tid/\(name)") { _, context in
            try await renderer.answer(context) {
                let tid = try context.parameters.require("tid")
                do {
                    let next = try await run(try context.actor(), tid, context.webForm)
                    return WebPage.redirect(next ?? "/tickets/\(tid)?done=\(name)")
                } catch let refusal as DeskError {
                    return try await ticket(tid, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
    }

    private func list(_ context: AssistRequestContext) async throws -> Response {
        let actor = try context.actor()
        let tickets = try await desk.tickets.list(actor, state: nil, customerId: nil).sorted { $0.receivedAt > $1.receivedAt }
        let rows: [[String: Any]] = tickets.map { ticket in
            [
                "tid": ticket.tid, "subject": ticket.subject, "state": WebFormat.state(ticket.state), "level": WebFormat.level(ticket.slaLevel),
                "vip": ticket.slaLevel == .vip, "received": WebFormat.time(ticket.receivedAt),
                "due": ticket.firstResponseAt == nil && ticket.state.isOpen ? WebFormat.time(ticket.reactionDeadline) : "",
                "dueMachine": WebFormat.machineTime(ticket.reactionDeadline), "waiting": ticket.firstResponseAt == nil && ticket.state.isOpen,
            ]
        }
        var model: [String: Any] = ["tickets": rows, "empty": rows.isEmpty]
        if actor.role == .customer, let customerId = actor.customerId {
            // R-1.5: the one-time phone install, so the customer knows whether it is still there.
            let install = try await desk.entitlements.show(actor, customerId: customerId).phoneInstall
            model["phoneInstall"] = install.available
                ? "Разовая установка по телефону (R-1.5): доступна."
                : "Разовая установка по телефону (R-1.5): использована\(install.usedOnTicket.map { " по заявке \($0)" } ?? "")\(install.usedAt.map { ", \(WebFormat.time($0))" } ?? ""); далее — удалённый доступ (R-1.4)."
        }
        return renderer.page("tickets", title: actor.role == .customer ? "Мои заявки" : "Заявки", context: context, model: model)
    }

    private func file(_ context: AssistRequestContext) async throws -> Response {
        let form = context.webForm
        let input = TicketInputs.NewTicket(
            subject: form.fields["subject"] ?? "", description: form.fields["description"] ?? "", stepsToReproduce: form.text("steps"),
            productVersion: form["productVersion"], problemClass: form["operational"].isEmpty ? "standard" : "operational")
        do {
            let filed = try await desk.tickets.create(try context.actor(), input, attachments: form.files, via: .web)
            return WebPage.redirect("/tickets/\(filed.ticket.tid)?done=filed")
        } catch let refusal as DeskError {
            // The form comes back as it was typed, with what to fix.
            let typed: [String: Any] = [
                "subject": form.fields["subject"] ?? "", "description": form.fields["description"] ?? "", "steps": form.fields["steps"] ?? "",
                "productVersion": form["productVersion"], "operational": !form["operational"].isEmpty, "maxFiles": 20,
            ]
            return renderer.page("ticket-new", title: "Новая заявка", context: context, model: typed, message: PageMessage(refusal), status: refusal.pageStatus)
        }
    }

    /// Messages shown by default: the latest ones, so a long thread stays a light page.
    static let latestMessages = 50

    func ticket(
        _ tid: String, context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok, wholeThread: Bool = false
    ) async throws -> Response {
        let actor = try context.actor()
        // The page's reads go to the database side by side (each is its own desk call, as the API
        // makes it): the page waits for the slowest of them, not for their sum.
        async let viewed = desk.tickets.view(actor, tid: tid)
        async let listedSessions: [RemoteSession] = actor.role != .accounting ? desk.sessions.list(actor, tid: tid) : []
        async let listedMetered: [MeteredSession] = actor.role == .agent ? desk.metering.list(actor, tid: tid) : []
        let view = try await viewed
        let ticket = view.ticket
        var model: [String: Any] = [
            "tid": ticket.tid, "subject": ticket.subject, "state": WebFormat.state(ticket.state), "level": WebFormat.level(ticket.slaLevel),
            "vip": ticket.slaLevel == .vip, "received": WebFormat.time(ticket.receivedAt), "description": ticket.description,
            "steps": WebRenderer.shown(ticket.stepsToReproduce), "productVersion": ticket.productVersion, "sender": ticket.senderEmail,
            "operational": ticket.problemClass == .operational,
            "open": ticket.state != .closed, "resolved": ticket.state == .resolved, "rating": WebRenderer.shown(ticket.rating.map(String.init)),
            "ratingComment": ticket.ratingComment ?? "",
            "registration": view.registration == .accepted
                ? "подтверждена: письмо с номером заявки отправлено (R-4.10)"
                : "ожидает: письмо-подтверждение с номером заявки ещё не отправлено (R-4.10)",
            "earlier": WebRenderer.shown(wholeThread || view.messages.count <= Self.latestMessages ? nil : view.messages.count - Self.latestMessages),
            "messages": view.messages.suffix(wholeThread ? view.messages.count : Self.latestMessages).map { message -> [String: Any] in
                [
                    "author": message.author == .agent ? "Поддержка" : "Клиент", "agentMessage": message.author == .agent,
                    "email": message.authorEmail ?? "", "time": WebFormat.time(message.createdAt), "body": message.body,
                    "channel": WebFormat.channel(message.channel),
                    "attachments": message.attachments.map { file -> [String: Any] in
                        ["href": "/tickets/\(ticket.tid)/attachments/\(file.id)", "name": file.fileName, "size": "\(max(1, file.sizeBytes / 1024)) КБ"]
                    },
                ]
            },
            "problems": view.problems.map { ["description": $0.description, "time": WebFormat.time($0.createdAt)] },
            "hasProblems": !view.problems.isEmpty,
        ]
        if ticket.firstResponseAt == nil, ticket.state.isOpen {
            model["reaction"] = ["due": WebFormat.time(ticket.reactionDeadline), "machine": WebFormat.machineTime(ticket.reactionDeadline)]
        } else if let due = ticket.nextReactionDue, ticket.state.isOpen {
            model["nextReaction"] = ["due": WebFormat.time(due), "machine": WebFormat.machineTime(due)]
        }
        if let contact = view.vipContact {
            model["vipContact"] = ["name": contact.agentName, "phone": contact.phone]
        } else if view.vipContactPending == true {
            model["vipPending"] = true
        }
        if actor.role != .accounting {
            model["sessions"] = try await listedSessions.map { session -> [String: Any] in
                ["id": session.id, "tool": WebFormat.tool(session.tool), "state": WebFormat.session(session.state), "time": WebFormat.time(session.createdAt)]
            }
        }
        if actor.role == .agent || actor.role == .admin {
            model["staff"] = true
            model["stateOptions"] = ticket.state.next.sorted { $0.rawValue < $1.rawValue }.map { ["value": $0.rawValue, "label": WebFormat.state($0)] }
            model["reasonOptions"] = PostponeReason.allCases.map { ["value": $0.rawValue, "label": WebFormat.postponeReason($0)] }
            // Staff move tickets to consulting or development (R-2.5.5, R-2.5.6); the desk says where not.
            model["levelOptions"] = [SLALevel.consulting, .development].filter { $0 != ticket.slaLevel }
                .map { ["value": $0.rawValue, "label": WebFormat.level($0)] }
            model["awaitsClassDecision"] = OutOfTurn.applies(to: ticket) && ticket.operationalConfirmedAt == nil
            model["mayMakeOperational"] = ticket.state.isOpen && ticket.slaLevel.operationalCounterpart != nil
            model["reassignable"] = ticket.slaLevel == .vip && ticket.state.isOpen
        }
        if actor.role == .agent {
            let metered = try await listedMetered
            if let running = metered.first(where: { $0.stoppedAt == nil && $0.agentUserId == actor.id }) {
                model["running"] = [
                    "id": running.id, "kind": WebFormat.kind(running.kind), "since": WebFormat.time(running.startedAt),
                    "machine": WebFormat.machineTime(running.startedAt),
                ]
            } else {
                model["meteringKinds"] = MeteredKind.allCases.map { ["value": $0.rawValue, "label": WebFormat.kind($0)] }
                model["meteringChannels"] = MeteringChannel.allCases.map { ["value": $0.rawValue, "label": WebFormat.channel($0)] }
            }
            model["hasMetered"] = metered.contains { $0.stoppedAt != nil }
            model["metered"] = metered.filter { $0.stoppedAt != nil }.map { session -> [String: Any] in
                [
                    "kind": WebFormat.kind(session.kind), "since": WebFormat.time(session.startedAt),
                    "billed": WebFormat.duration(session.billedSeconds ?? 0), "amount": WebFormat.rubles(session.amountKopecks ?? 0),
                ]
            }
            model["tools"] = RemoteTool.allCases.map { ["value": $0.rawValue, "label": WebFormat.tool($0)] }
        }
        return renderer.page("ticket", title: "\(ticket.tid): \(ticket.subject)", context: context, model: model, message: message, status: status)
    }
}
