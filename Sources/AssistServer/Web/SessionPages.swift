import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// A remote-access session in the browser. The customer sees the code and the PIN
/// (until used), joins with the PIN, passes the one-time password its TeamViewer or AmmyAdmin
/// shows, and may end it; the agent who opened it sees the credentials and its state.
/// Credentials are read through the desk (audited) and the page is never cached.
struct SessionPages: Sendable {
    let desk: Desk
    let renderer: WebRenderer

    static let notices = [
        "opened": "Сеанс открыт. Сообщите клиенту, что код и PIN — на странице его заявки.",
        "join": "Подключение подтверждено.",
        "password": "Пароль передан специалисту.",
        "end": "Сеанс завершён.",
        "cancel": "Сеанс отменён.",
        "pin": "Выдан новый PIN.",
    ]

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/sessions/:id") { request, context in
            try await renderer.answer(context) {
                let notice = PageMessage.done(request, Self.notices)
                return try await page(try context.parameters.require("id", as: Int64.self), context: context, message: notice)
            }
        }
        action("join", on: router) { actor, id, form in _ = try await desk.sessions.join(actor, id: id, .init(pin: form["pin"])) }
        action("password", on: router) { actor, id, form in _ = try await desk.sessions.passPassword(actor, id: id, .init(password: form["password"])) }
        action("end", on: router) { actor, id, _ in _ = try await desk.sessions.end(actor, id: id) }
        action("cancel", on: router) { actor, id, _ in _ = try await desk.sessions.cancel(actor, id: id) }
        action("pin", on: router) { actor, id, _ in _ = try await desk.sessions.reissuePIN(actor, id: id) }
    }

    private func action(_ name: String, on router: RouterGroup<AssistRequestContext>, _ run: @escaping @Sendable (UserAccount, Int64, WebForm) async throws -> Void) {
        router.post("/sessions/:id/\(name)") { _, context in
            try await renderer.answer(context) {
                let id = try context.parameters.require("id", as: Int64.self)
                do {
                    try await run(try context.actor(), id, context.webForm)
                    return WebPage.redirect("/sessions/\(id)?done=\(name)")
                } catch let refusal as DeskError {
                    return try await page(id, context: context, message: PageMessage(refusal), status: refusal.pageStatus)
                }
            }
        }
    }

    private func page(_ id: Int64, context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let actor = try context.actor()
        let session = try await desk.sessions.show(actor, id: id)
        var model: [String: Any] = [
            "id": session.id, "tid": session.tid, "tool": WebFormat.tool(session.tool), "state": WebFormat.session(session.state),
            "agentName": session.agentName, "customerRemoteId": session.customerRemoteId, "opened": WebFormat.time(session.createdAt),
            "joinBy": WebFormat.time(session.joinExpiresAt), "issued": session.state == .issued, "active": session.state == .active,
            "live": session.state.holdsCredentials, "passed": session.hasPassedPassword, "pinLocked": session.pinLocked,
        ]
        let mayRead = actor.role == .customer || actor.id == session.agentUserId
        if mayRead, session.state.holdsCredentials {
            let credentials = try await desk.sessions.credentials(actor, id: id).credentials
            model["code"] = credentials.sessionCode
            model["pin"] = WebRenderer.shown(credentials.pin)
            model["passedPassword"] = WebRenderer.shown(credentials.passedPassword)
        }
        model["openedByMe"] = actor.id == session.agentUserId
        return renderer.page("session", title: "Сеанс \(session.id) по заявке \(session.tid)", context: context, model: model, message: message, status: status)
    }
}
