import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// The admin's pages: users (with set-password links and API tokens), customers with their
/// licence e-mails, commercial groups and contracts, the production calendar, the audit log
/// with its verification, and the outbox.
struct AdminPages: Sendable {
    let desk: Desk
    let renderer: WebRenderer

    static let notices = [
        "user": "Пользователь создан. Выдайте ему ссылку для установки пароля.",
        "user-updated": "Пользователь изменён.",
        "customer": "Клиент создан.",
        "contract": "Договор добавлен.",
        "licence": "Список лицензионных адресов изменён.",
        "group": "Коммерческая группа создана.",
        "group-changed": "Коммерческая группа изменена.",
        "group-deleted": "Коммерческая группа удалена: её участники больше не получают коммерческий уровень по почте.",
        "token-revoked": "Токен отозван.",
        "calendar": "Календарь сохранён новой редакцией.",
        "retry": "Письмо поставлено на повторную отправку.",
        "password-letter": "Письмо со ссылкой для установки пароля поставлено в очередь; ссылку увидит только получатель.",
    ]

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/admin/users") { request, context in
            try await renderer.answer(context) { try await users(context, message: PageMessage.done(request, Self.notices)) }
        }
        router.post("/admin/users") { _, context in
            try await renderer.answer(context) {
                let form = context.webForm
                do {
                    _ = try await desk.accounts.createUser(
                        try context.actor(),
                        .init(displayName: form.fields["displayName"] ?? "", email: form.text("email"), role: form["role"],
                              customerId: Int64(form["customerId"]), phone: form.text("phone")))
                    return WebPage.redirect("/admin/users?done=user")
                } catch let refusal as DeskError {
                    return try await users(context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.post("/admin/users/:id/password-link") { _, context in
            try await renderer.answer(context) {
                let id = try context.parameters.require("id", as: Int64.self)
                // Shown once, to this admin alone, who passes it on; only its hash is stored.
                let link = try await desk.signIn.issuePasswordLink(try context.actor(), userId: id)
                return renderer.page("password-link", title: "Ссылка для установки пароля", context: context, model: ["link": link, "userId": id])
            }
        }
        router.post("/admin/users/:id/password-letter") { _, context in
            try await userAction(context) { id in
                try await desk.signIn.mailPasswordLink(try context.actor(), userId: id)
                return "password-letter"
            }
        }
        router.post("/admin/users/:id/role") { _, context in
            try await userAction(context) { id in
                _ = try await desk.accounts.updateUser(try context.actor(), id: id, .init(role: context.webForm["role"]))
                return "user-updated"
            }
        }
        router.post("/admin/users/:id/disabled") { _, context in
            try await userAction(context) { id in
                let disable = context.webForm["disabled"] == "yes"
                _ = try await desk.accounts.updateUser(try context.actor(), id: id, .init(disabled: disable))
                if disable, let user = try? await desk.accounts.user(try context.actor(), id: id) {
                    // A disabled person's browsers are signed out at once, not at their next page.
                    try await desk.signIn.signOutEverywhere(user)
                }
                return "user-updated"
            }
        }
        router.get("/admin/users/:id") { request, context in
            try await renderer.answer(context) {
                try await user(try context.parameters.require("id", as: Int64.self), context: context, message: PageMessage.done(request, Self.notices))
            }
        }
        router.post("/admin/users/:id/tokens") { _, context in
            try await renderer.answer(context) {
                let id = try context.parameters.require("id", as: Int64.self)
                let form = context.webForm
                do {
                    let issued = try await desk.accounts.createToken(
                        try context.actor(), userId: id, .init(label: form.text("label"), expiresInDays: Int(form["days"])))
                    return try await user(id, context: context, message: .notice("Токен выдан. Он показан один раз — передайте его владельцу."), issuedToken: issued.token)
                } catch let refusal as DeskError {
                    return try await user(id, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.post("/admin/tokens/:id/revoke") { _, context in
            try await renderer.answer(context) {
                let revoked = try await desk.accounts.revokeToken(try context.actor(), id: try context.parameters.require("id", as: Int64.self))
                return WebPage.redirect("/admin/users/\(revoked.userId)?done=token-revoked")
            }
        }
        router.get("/admin/customers") { request, context in
            try await renderer.answer(context) { try await customers(context, message: PageMessage.done(request, Self.notices)) }
        }
        router.post("/admin/customers") { _, context in
            try await renderer.answer(context) {
                let form = context.webForm
                do {
                    let customer = try await desk.accounts.createCustomer(
                        try context.actor(), .init(name: form.fields["name"] ?? "", inn: form.text("inn"), kpp: form.text("kpp")))
                    return WebPage.redirect("/admin/customers/\(customer.id)?done=customer")
                } catch let refusal as DeskError {
                    return try await customers(context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.get("/admin/customers/:id") { request, context in
            try await renderer.answer(context) {
                try await customer(try context.parameters.require("id", as: Int64.self), context: context, message: PageMessage.done(request, Self.notices))
            }
        }
        customerAction("contracts", done: "contract", on: router) { actor, id, form in
            _ = try await desk.contracts.createContract(actor, customerId: id, .init(tier: form["tier"], term: form.text("term"), startsOn: form.text("startsOn")))
        }
        customerAction("licence-emails", done: "licence", on: router) { actor, id, form in
            _ = try await desk.contracts.addLicenceEmail(actor, customerId: id, .init(email: form["email"]))
        }
        customerAction("licence-emails/remove", done: "licence", on: router) { actor, id, form in
            _ = try await desk.contracts.removeLicenceEmail(actor, customerId: id, email: form["email"])
        }
        customerAction("groups", done: "group", on: router) { actor, id, form in
            let members = form["members"].split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
            _ = try await desk.contracts.createGroup(actor, customerId: id, .init(name: form.fields["name"] ?? "", members: members))
        }
        customerAction("groups/change", done: "group-changed", on: router) { actor, id, form in
            let added = form["add"].split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
            _ = try await desk.contracts.changeGroup(
                actor, customerId: id, groupId: Int64(form["group"]) ?? 0, .init(name: form.text("name"), add: added, remove: form.fields["remove"].map { [$0] }))
        }
        customerAction("groups/delete", done: "group-deleted", on: router) { actor, id, form in
            _ = try await desk.contracts.deleteGroup(actor, customerId: id, groupId: Int64(form["group"]) ?? 0)
        }
        router.get("/admin/calendar") { request, context in
            try await renderer.answer(context) {
                try await calendar(context, year: request.uri.queryParameters["year"].flatMap { Int(String($0)) }, message: PageMessage.done(request, Self.notices))
            }
        }
        router.post("/admin/calendar/:year") { _, context in
            try await renderer.answer(context) {
                let year = try context.parameters.require("year")
                let form = context.webForm
                func dates(_ name: String) -> [String] { form[name].split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) }
                do {
                    _ = try await desk.calendar.setYear(
                        try context.actor(), year: year,
                        .init(holidays: dates("holidays"), workdays: dates("workdays"), shortened: dates("shortened"), note: form.text("note")))
                    return WebPage.redirect("/admin/calendar?year=\(Int(year.prefix(4)) ?? 0)&done=calendar")
                } catch let refusal as DeskError {
                    return try await calendar(context, year: Int(year.prefix(4)), message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.get("/admin/audit") { request, context in
            try await renderer.answer(context) {
                let actor = try context.actor()
                let subject = request.uri.queryParameters["subject"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
                let entries = try await desk.audit.entries(actor, subject: subject)
                let verification: String = switch try await desk.audit.verify(actor) {
                case .intact(let count): "Цепочка цела: \(count) записей проверено."
                case .broken(let entry, let reason, let later): "Цепочка нарушена на записи \(entry): \(reason)" + (later.isEmpty ? "" : "; ещё нарушения: \(later.map(String.init).joined(separator: ", "))")
                }
                let rows = entries.suffix(500).reversed().map { entry -> [String: Any] in
                    ["id": entry.id, "time": WebFormat.time(entry.at), "actor": entry.actorUserId.map(String.init) ?? "система", "action": entry.action, "subject": entry.subject, "detail": entry.detail]
                }
                return renderer.page(
                    "audit", title: "Журнал аудита", context: context,
                    model: ["entries": rows, "verification": verification, "subject": subject ?? "", "total": entries.count])
            }
        }
        router.get("/admin/outbox") { request, context in
            try await renderer.answer(context) { try await outbox(context, message: PageMessage.done(request, Self.notices)) }
        }
        router.post("/admin/outbox/:id/retry") { _, context in
            try await renderer.answer(context) {
                do {
                    _ = try await desk.tickets.retryNotification(try context.actor(), id: try context.parameters.require("id", as: Int64.self))
                    return WebPage.redirect("/admin/outbox?done=retry")
                } catch let refusal as DeskError {
                    return try await outbox(context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
    }

    private func customerAction(
        _ path: String, done: String, on router: RouterGroup<AssistRequestContext>,
        _ run: @escaping @Sendable (UserAccount, Int64, WebForm) async throws -> Void
    ) {
        router.post("/admin/customers/:id/\(path)") { _, context in
            try await renderer.answer(context) {
                let id = try context.parameters.require("id", as: Int64.self)
                do {
                    try await run(try context.actor(), id, context.webForm)
                    return WebPage.redirect("/admin/customers/\(id)?done=\(done)")
                } catch let refusal as DeskError {
                    return try await customer(id, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
    }

    private func users(_ context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let users = try await desk.accounts.users(actor)
        let customers = try await desk.accounts.customers(actor)
        let names = Dictionary(customers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let model: [String: Any] = [
            "users": users.map { user -> [String: Any] in
                [
                    "id": user.id, "name": user.displayName, "email": user.email ?? "—", "role": WebRenderer.roleName(user.role),
                    "customer": user.customerId.flatMap { names[$0] } ?? "", "disabled": user.disabled, "onDuty": user.onDuty,
                ]
            },
            "customers": customers.map { ["id": $0.id, "name": $0.name] },
            "roles": Role.allCases.map { ["value": $0.rawValue, "label": WebRenderer.roleName($0)] },
        ]
        return renderer.page("users", title: "Пользователи", context: context, model: model, message: message, status: status)
    }

    /// A form posted on a user's page: `action` on the user of the address's id, then back to the
    /// page with its notice (a `done` key), or the page again with the desk's refusal.
    private func userAction(_ context: AssistRequestContext, _ action: (Int64) async throws -> String) async throws -> Response {
        try await renderer.answer(context) {
            let id = try context.parameters.require("id", as: Int64.self)
            do {
                return WebPage.redirect("/admin/users/\(id)?done=\(try await action(id))")
            } catch let refusal as DeskError {
                return try await user(id, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
            }
        }
    }

    private func user(_ id: Int64, context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok, issuedToken: String? = nil) async throws -> Response {
        let actor = try context.actor()
        let user = try await desk.accounts.user(actor, id: id)
        let tokens = try await desk.accounts.tokens(actor, userId: id)
        let model: [String: Any] = [
            "id": user.id, "name": user.displayName, "email": user.email ?? "—", "role": WebRenderer.roleName(user.role),
            "phone": user.phone ?? "—", "disabled": user.disabled, "issuedToken": WebRenderer.shown(issuedToken),
            // A staff user's role may change; a customer user belongs to its customer.
            "isStaff": user.role != .customer,
            "hasEmail": user.email != nil,
            "staffRoles": [Role.admin, .agent, .accounting].map {
                ["value": $0.rawValue, "label": WebRenderer.roleName($0), "selected": $0 == user.role]
            },
            "tokens": tokens.map { token -> [String: Any] in
                [
                    "id": token.id, "label": token.label, "created": WebFormat.time(token.createdAt), "expires": WebFormat.time(token.expiresAt),
                    "revoked": token.revokedAt != nil,
                ]
            },
        ]
        return renderer.page("user", title: "Пользователь \(user.displayName)", context: context, model: model, message: message, status: status)
    }

    private func customers(_ context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let customers = try await desk.accounts.customers(try context.actor())
        let model: [String: Any] = ["customers": customers.map { ["id": $0.id, "name": $0.name, "inn": $0.inn ?? "—"] }]
        return renderer.page("customers", title: "Клиенты", context: context, model: model, message: message, status: status)
    }

    private func customer(_ id: Int64, context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let customer = try await desk.accounts.customer(actor, id: id)
        let contracts = try await desk.contracts.contracts(actor, customerId: id)
        let model: [String: Any] = [
            "id": customer.id, "name": customer.name, "inn": customer.inn ?? "—", "kpp": customer.kpp ?? "—",
            "contracts": contracts.map { contract -> [String: Any] in
                ["id": contract.id, "tier": WebFormat.tier(contract.tier), "term": WebFormat.term(contract.term), "starts": "\(contract.startsOn)", "ends": contract.endsOn.map { "\($0)" } ?? "бессрочно"]
            },
            "emails": try await desk.contracts.licenceEmails(actor, customerId: id),
            "groups": try await desk.contracts.groups(actor, customerId: id).map { group -> [String: Any] in
                ["group": group.id, "name": group.name, "members": group.members, "empty": group.members.isEmpty]
            },
            "tiers": ContractTier.allCases.map { ["value": $0.rawValue, "label": WebFormat.tier($0)] },
            "terms": ContractTerm.allCases.map { ["value": $0.rawValue, "label": WebFormat.term($0)] },
        ]
        return renderer.page("customer", title: "Клиент \(customer.name)", context: context, model: model, message: message, status: status)
    }

    private func calendar(_ context: AssistRequestContext, year requested: Int?, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let view = try await desk.calendar.current()
        let revisions = try await desk.calendar.revisions(actor)
        let years = view.years.keys.compactMap { Int($0) }.sorted()
        // Years the calendar can hold; anything else (a link with year=9e18) shows this year.
        let year = requested.flatMap { (2000...2100).contains($0) ? $0 : nil } ?? MoscowTime.date(of: desk.clock.now).year
        let days = view.years[String(year)] ?? ProductionCalendar.Year()
        let model: [String: Any] = [
            "year": year, "revision": view.revision, "years": years.map { ["year": $0, "current": $0 == year] },
            "months": CalendarGrid.months(year: year, days: days),
            "holidays": days.holidays.sorted().map(\.description).joined(separator: " "),
            "workdays": days.workdays.sorted().map(\.description).joined(separator: " "),
            "shortened": days.shortened.sorted().map(\.description).joined(separator: " "),
            "revisions": revisions.reversed().map { revision -> [String: Any] in
                [
                    "revision": revision.revision, "years": revision.years.map(String.init).joined(separator: ", "), "note": revision.note,
                    "time": revision.createdAt.map(WebFormat.time) ?? "исходная",
                ]
            },
        ]
        return renderer.page("calendar", title: "Производственный календарь \(year)", context: context, model: model, message: message, status: status)
    }

    private func outbox(_ context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let notifications = try await desk.tickets.notifications(try context.actor())
        let model: [String: Any] = [
            "notifications": notifications.suffix(500).reversed().map { note -> [String: Any] in
                [
                    "id": note.id, "kind": note.kind, "recipient": note.recipient, "subject": note.subject, "state": WebFormat.delivery(note.state),
                    "attempts": note.attempts, "created": WebFormat.time(note.createdAt), "reply": note.lastReply ?? "",
                    "retryable": note.state == .failed,
                ]
            },
        ]
        return renderer.page("outbox", title: "Исходящая почта", context: context, model: model, message: message, status: status)
    }
}
