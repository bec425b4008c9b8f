import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// Money in the browser: invoices for customers and accounting (list, open, print, issue,
/// cancel), metered sessions with the held-for-review list and corrections, and the hour
/// exports in their three formats.
struct MoneyPages: Sendable {
    let desk: Desk
    let renderer: WebRenderer

    static let notices = [
        "cancelled": "Счёт аннулирован: выписан корректировочный документ.",
        "corrected": "Запись учёта исправлена.",
    ]

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/invoices") { _, context in
            try await renderer.answer(context) { try await invoices(context, message: nil) }
        }
        router.get("/accounting/invoices") { _, context in
            try await renderer.answer(context) { try await invoices(context, message: nil) }
        }
        router.post("/accounting/invoices") { _, context in
            try await renderer.answer(context) {
                let form = context.webForm
                do {
                    let period = try PeriodQuery(from: form["from"], to: form["to"]) { field, problem in
                        DeskError.invalidField(field == "from" ? "Период с" : "Период по", problem)
                    }
                    guard let customerId = Int64(form["customerId"]) else { throw DeskError.invalidField("Клиент", "is not chosen: choose a customer") }
                    let invoice = try await desk.invoices.issue(try context.actor(), customerId: customerId, from: period.from, to: period.to)
                    return WebPage.redirect("/invoices/\(invoice.number)")
                } catch let refusal as DeskError {
                    return try await invoices(context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.get("/invoices/:number") { request, context in
            try await renderer.answer(context) {
                let notice = PageMessage.done(request, Self.notices)
                return try await invoice(try context.parameters.require("number"), context: context, message: notice)
            }
        }
        router.get("/invoices/:number/print") { _, context in
            try await renderer.answer(context) {
                let invoice = try await desk.invoices.show(try context.actor(), number: try context.parameters.require("number"))
                // The printable счёт is self-contained: its own inline styles, nothing else, never framed.
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: InvoiceHTML.render(invoice))))
            }
        }
        router.post("/invoices/:number/cancel") { _, context in
            try await renderer.answer(context) {
                let number = try context.parameters.require("number")
                do {
                    _ = try await desk.invoices.cancel(try context.actor(), number: number, .init(reason: context.webForm.fields["reason"] ?? ""))
                    return WebPage.redirect("/invoices/\(number)?done=cancelled")
                } catch let refusal as DeskError {
                    return try await invoice(number, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.get("/accounting/metering") { request, context in
            try await renderer.answer(context) {
                let notice = PageMessage.done(request, Self.notices)
                return try await metering(context, tid: request.uri.queryParameters["tid"].map(String.init), message: notice)
            }
        }
        router.post("/accounting/metering/:id/correct") { _, context in
            try await renderer.answer(context) {
                let form = context.webForm
                do {
                    // Bounded before it is multiplied: a number of twenty digits must be a refusal, not an overflow.
                    let minutes = form["minutes"].isEmpty ? nil : Int(form["minutes"]).flatMap { (0...4320).contains($0) ? $0 : nil }
                    if !form["minutes"].isEmpty, minutes == nil {
                        throw DeskError.invalidField("Минуты", "must be a whole number of minutes from 0 to 4320 (72 hours)")
                    }
                    _ = try await desk.metering.correct(
                        try context.actor(), id: try context.parameters.require("id", as: Int64.self),
                        .init(rawSeconds: minutes.map { $0 * 60 }, kind: form.text("kind"), reason: form.fields["reason"] ?? ""))
                    return WebPage.redirect("/accounting/metering?done=corrected")
                } catch let refusal as DeskError {
                    return try await metering(context, tid: nil, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
        router.get("/accounting/exports") { _, context in
            exportsForm(context, message: nil)
        }
        router.get("/accounting/exports/hours") { request, context in
            try await renderer.answer(context) {
                let query = request.uri.queryParameters
                do {
                    let period = try PeriodQuery(from: query["from"].map(String.init), to: query["to"].map(String.init)) { field, problem in
                        DeskError.invalidField(field == "from" ? "Период с" : "Период по", problem)
                    }
                    let grouping = query["by"].flatMap { HoursGrouping(rawValue: String($0)) } ?? .customer
                    let format = query["format"].flatMap { HoursExportFormat(rawValue: String($0)) } ?? .excelCSV
                    return try await ExportRoutes.stream(
                        desk: desk.invoices, actor: try context.actor(), from: period.from, to: period.to, by: grouping, format: format, pageSize: 2000)
                } catch let refusal as DeskError {
                    return exportsForm(context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
    }

    private func invoices(_ context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let invoices = try await desk.invoices.list(actor, customerId: nil)
        var model: [String: Any] = [
            "invoices": invoices.map { invoice -> [String: Any] in
                [
                    "number": invoice.number, "issued": WebFormat.time(invoice.issuedAt), "buyer": invoice.buyer.name,
                    "period": "\(invoice.periodFrom) — \(invoice.periodTo)", "total": WebFormat.rubles(invoice.totalKopecks),
                    "cancelled": invoice.creditNote != nil,
                ]
            },
            "empty": invoices.isEmpty,
        ]
        if actor.role == .accounting || actor.role == .admin {
            let today = MoscowTime.date(of: desk.clock.now)
            model["issuing"] = true
            model["customers"] = try await desk.accounts.customers(actor).map { ["id": $0.id, "name": $0.name] }
            model["from"] = LocalDate(year: today.year, month: today.month, day: 1)?.description ?? "\(today)"
            model["to"] = "\(today)"
        }
        return renderer.page("invoices", title: "Счета", context: context, model: model, message: message, status: status)
    }

    private func invoice(_ number: String, context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let invoice = try await desk.invoices.show(actor, number: number)
        let model: [String: Any] = [
            "number": invoice.number, "issued": WebFormat.time(invoice.issuedAt), "buyer": invoice.buyer.name,
            "period": "\(invoice.periodFrom) — \(invoice.periodTo)", "total": WebFormat.rubles(invoice.totalKopecks),
            "vat": invoice.vatPercent.map { "в т. ч. НДС \($0)%: \(WebFormat.rubles(invoice.vatKopecks))" } ?? "без НДС",
            "words": invoice.totalInWords,
            "lines": (invoice.lines ?? []).map { line -> [String: Any] in
                ["position": line.position, "description": line.description, "date": "\(line.date)", "amount": WebFormat.rubles(line.amountKopecks)]
            },
            "creditNote": WebRenderer.shown(invoice.creditNote.map { ["number": $0.number, "reason": $0.reason, "time": WebFormat.time($0.issuedAt)] }),
            "mayCancel": (actor.role == .accounting || actor.role == .admin) && invoice.creditNote == nil,
        ]
        return renderer.page("invoice", title: "Счёт № \(invoice.number)", context: context, model: model, message: message, status: status)
    }

    private func metering(_ context: AssistRequestContext, tid: String?, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let sessions = try await desk.metering.list(actor, tid: tid?.isEmpty == false ? tid : nil).sorted { $0.startedAt > $1.startedAt }
        func row(_ session: MeteredSession) -> [String: Any] {
            [
                "id": session.id, "tid": session.tid, "kind": WebFormat.kind(session.kind), "channel": WebFormat.channel(session.channel),
                "started": WebFormat.time(session.startedAt), "running": session.stoppedAt == nil,
                "raw": session.rawSeconds.map(WebFormat.duration) ?? "идёт", "billed": session.billedSeconds.map(WebFormat.duration) ?? "—",
                "amount": session.amountKopecks.map(WebFormat.rubles) ?? "—", "invoice": WebRenderer.shown(session.invoiceNumber),
            ]
        }
        let model: [String: Any] = [
            "sessions": sessions.map(row), "held": sessions.filter(\.flaggedForReview).map(row), "tid": tid ?? "",
            "mayCorrect": actor.role == .admin || actor.role == .agent,
            "kinds": MeteredKind.allCases.map { ["value": $0.rawValue, "label": WebFormat.kind($0)] },
        ]
        return renderer.page("metering", title: "Учёт оплачиваемого времени", context: context, model: model, message: message, status: status)
    }

    private func exportsForm(_ context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) -> Response {
        let today = MoscowTime.date(of: desk.clock.now)
        return renderer.page(
            "exports", title: "Выгрузки часов", context: context,
            model: ["from": LocalDate(year: today.year, month: today.month, day: 1)?.description ?? "\(today)", "to": "\(today)"],
            message: message, status: status)
    }
}
