import AssistCore
import AssistDesk
import Foundation
import HTTPTypes
import Hummingbird

/// Signing in and out, one's own account, and set-password links.
struct SignInPages: Sendable {
    let desk: Desk
    let renderer: WebRenderer
    let maxBodyBytes: Int
    let sessionSeconds: Int
    let failedSignIns: FailedAuthenticationThrottle

    /// Forms anyone may post (sign-in, set-password) are small: a bigger body is refused before
    /// it is buffered, so strangers cannot make the server hold megabytes per connection.
    static let publicFormBytes = 16 * 1024

    /// What a `?done=` key says after a redirect (keys only: no typed text travels in a URL).
    static let notices = [
        "signed-out": "Вы вышли.",
        "signed-out-everywhere": "Вы вышли на всех устройствах.",
        "password-set": "Пароль установлен: войдите с ним.",
        "password-changed": "Пароль изменён; другие сеансы завершены.",
        "duty": "Отметка о дежурстве изменена.",
    ]

    func registerPublic(on router: Router<AssistRequestContext>) {
        router.get("/") { _, _ in WebPage.redirect("/home") }
        router.get("/signin") { request, context in
            try signInForm(context: context, message: PageMessage.done(request, Self.notices))
        }
        router.post("/signin") { request, context in
            try await renderer.answer(context) { try await signIn(request, context: context) }
        }
        router.get("/password/forgot") { _, context in
            renderer.page("password-forgot", title: "Забыли пароль", context: context)
        }
        router.post("/password/forgot") { request, context in
            try await renderer.answer(context) {
                guard WebSessionMiddleware.cameFromUs(request) else { return renderer.foreignForm(context) }
                let form = try await WebForm.read(request, limit: Self.publicFormBytes)
                try await desk.signIn.requestPasswordLink(email: form["email"], from: context.clientAddress)
                // The same answer whether or not the address has an account.
                return renderer.message(
                    .notice("Если этот адрес зарегистрирован, на него отправлено письмо со ссылкой для установки пароля (действует 1 час). Письма нет — проверьте «Спам» или обратитесь к администратору."),
                    title: "Письмо отправлено", context: context, status: .ok)
            }
        }
        router.get("/password/set/:token") { _, context in
            try await renderer.answer(context) {
                let token = try token(context)
                try await desk.signIn.checkPasswordLink(token)
                return renderer.page("password-set", title: "Установка пароля", context: context, model: ["token": token])
            }
        }
        router.post("/password/set/:token") { request, context in
            try await renderer.answer(context) {
                guard WebSessionMiddleware.cameFromUs(request) else { return renderer.foreignForm(context) }
                let form = try await WebForm.read(request, limit: Self.publicFormBytes)
                let token = try token(context)
                do {
                    try await desk.signIn.setPassword(
                        linkToken: token, new: form.fields["password"] ?? "", repeated: form.fields["passwordRepeat"] ?? "",
                        from: context.clientAddress)
                    return WebPage.redirect("/signin?done=password-set")
                } catch let refusal as DeskError where refusal.kind == .invalid {
                    // A password the rules refuse: the form again, with what to fix.
                    return renderer.page(
                        "password-set", title: "Установка пароля", context: context, model: ["token": token], message: PageMessage(refusal),
                        status: refusal.pageStatus)
                }
            }
        }
    }

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/home") { _, context in
            WebPage.redirect(WebRenderer.menu(for: try context.actor().role)[0].href)
        }
        router.post("/signout") { _, context in
            if let session = context.webSession { try await desk.signIn.signOut(session) }
            return signedOut("signed-out")
        }
        router.post("/signout/everywhere") { _, context in
            try await desk.signIn.signOutEverywhere(try context.actor())
            return signedOut("signed-out-everywhere")
        }
        router.get("/account") { request, context in
            account(context: context, message: PageMessage.done(request, Self.notices))
        }
        router.post("/account/password") { _, context in
            let form = context.webForm
            do {
                let signedIn = try await desk.signIn.changePassword(
                    try context.actor(), current: form.fields["currentPassword"] ?? "", new: form.fields["password"] ?? "",
                    repeated: form.fields["passwordRepeat"] ?? "", from: context.clientAddress)
                var response = WebPage.redirect("/account?done=password-changed")
                response.headers[.setCookie] = WebCookie.set(WebCookie.session, signedIn.secret, maxAgeSeconds: sessionSeconds)
                return response
            } catch let refusal as DeskError {
                return account(context: context, message: PageMessage(refusal), status: refusal.pageStatus)
            }
        }
        router.post("/account/duty") { _, context in
            let actor = try context.actor()
            do {
                _ = try await desk.accounts.setOwnDuty(actor, .init(onDuty: !actor.onDuty))
                return WebPage.redirect("/account?done=duty")
            } catch let refusal as DeskError {
                return account(context: context, message: PageMessage(refusal), status: refusal.pageStatus)
            }
        }
    }

    private func signInForm(context: AssistRequestContext, email: String = "", message: PageMessage?, status: HTTPResponse.Status = .ok) throws -> Response {
        let token = try desk.signIn.formToken()
        var response = renderer.page("signin", title: "Вход", context: context, model: ["formToken": token, "email": email], message: message, status: status)
        response.headers[.setCookie] = WebCookie.set(WebCookie.signInToken, token)
        return response
    }

    private func signIn(_ request: Request, context: AssistRequestContext) async throws -> Response {
        let form = try await WebForm.read(request, limit: Self.publicFormBytes)
        guard let expected = WebCookie.value(WebCookie.signInToken, in: request), WebSessionMiddleware.same(form["csrf"], expected),
              WebSessionMiddleware.cameFromUs(request)
        else {
            return try signInForm(
                context: context, message: .error("Форма входа устарела: введите e-mail и пароль ещё раз."), status: .forbidden)
        }
        do {
            let signedIn = try await desk.signIn.signIn(
                email: form["email"], password: form.fields["password"] ?? "", from: context.clientAddress)
            var response = WebPage.redirect(WebRenderer.menu(for: signedIn.user.role)[0].href)
            // A new session id at every sign-in: a cookie planted before it is worth nothing.
            response.headers[.setCookie] = WebCookie.set(WebCookie.session, signedIn.secret, maxAgeSeconds: sessionSeconds)
            response.headers.append(HTTPField(name: .setCookie, value: WebCookie.clear(WebCookie.signInToken)))
            return response
        } catch let refusal as DeskError {
            // Failures and refusals alike: an address that keeps trying shows in the log, once a window.
            await failedSignIns.failed(from: context.clientAddress, logger: context.logger)
            return try signInForm(context: context, email: String(form["email"].prefix(320)), message: PageMessage(refusal), status: refusal.pageStatus)
        }
    }

    private func signedOut(_ notice: String) -> Response {
        var response = WebPage.redirect("/signin?done=\(notice)")
        response.headers[.setCookie] = WebCookie.clear(WebCookie.session)
        return response
    }

    private func account(context: AssistRequestContext, message: PageMessage?, status: HTTPResponse.Status = .ok) -> Response {
        let user = context.user
        return renderer.page(
            "account", title: "Учётная запись", context: context,
            model: ["email": user?.email ?? "", "onDuty": user?.onDuty ?? false], message: message, status: status)
    }

    private func token(_ context: AssistRequestContext) throws -> String {
        try context.parameters.require("token")
    }
}
