import AssistDesk
import Foundation
import Hummingbird
import OpenSSLCrypto

/// Lets a console request through only with a live session cookie, and every form post only
/// with that session's CSRF token (and, when the browser says where it came from, from us).
///
/// Without a session the browser is sent to the sign-in page. The posted form is read here,
/// once, and handed to the page in the context.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    let signIn: SignInDesk
    let renderer: WebRenderer
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let secret = WebCookie.value(WebCookie.session, in: request) else { return WebPage.redirect("/signin") }
        var context = context
        do {
            (context.user, context.webSession) = try await signIn.session(secret: secret)
        } catch let refusal as DeskError where refusal == .webSessionEnded {
            var response = WebPage.redirect("/signin")
            response.headers[.setCookie] = WebCookie.clear(WebCookie.session)
            return response
        }
        if request.method == .post {
            guard let session = context.webSession, Self.cameFromUs(request) else { return forged(context) }
            let form: WebForm
            do {
                form = try await WebForm.read(request, limit: maxBodyBytes)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return renderer.tooLarge(context)
            }
            guard Self.same(form["csrf"], session.csrfToken) else { return forged(context) }
            context.webForm = form
        }
        return try await next(request, context)
    }

    private func forged(_ context: Context) -> Response {
        renderer.message(
            .error("Форма отклонена: она устарела или отправлена не с этой страницы. Обновите страницу и отправьте снова."),
            title: "Форма отклонена", context: context, status: .forbidden)
    }

    /// A browser that names the page's origin must name ours.
    static func cameFromUs(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "https://\(host)"
    }

    /// A form's token against the expected one, in constant time; an empty one never matches.
    static func same(_ given: String, _ expected: String) -> Bool {
        !given.isEmpty && ConstantTime.equal(given, expected)
    }
}
