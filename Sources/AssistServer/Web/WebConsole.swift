import AssistDesk
import Hummingbird

/// The web console: every page over the same desk as the API. Pages before sign-in are public;
/// all others go through `WebSessionMiddleware` (session cookie, CSRF on every form).
struct WebConsole: Sendable {
    let desk: Desk
    let renderer: WebRenderer
    let assets: WebStatic
    let maxBodyBytes: Int
    let sessionSeconds: Int
    /// Logs an address whose sign-ins keep failing, once a window (the desk does the refusing).
    let failedSignIns: FailedAuthenticationThrottle

    init(desk: Desk, maxBodyBytes: Int, sessionSeconds: Int, failedSignIns: FailedAuthenticationThrottle) throws {
        self.desk = desk
        self.renderer = WebRenderer(templates: try WebTemplates.load())
        self.assets = try WebStatic.load()
        self.maxBodyBytes = maxBodyBytes
        self.sessionSeconds = sessionSeconds
        self.failedSignIns = failedSignIns
    }

    func register(on router: Router<AssistRequestContext>) {
        assets.register(on: router)
        let signIn = SignInPages(
            desk: desk, renderer: renderer, maxBodyBytes: maxBodyBytes, sessionSeconds: sessionSeconds, failedSignIns: failedSignIns)
        signIn.registerPublic(on: router)
        let pages = router.group("")
            .add(middleware: WebSessionMiddleware(signIn: desk.signIn, renderer: renderer, maxBodyBytes: maxBodyBytes))
        signIn.register(on: pages)
        TicketPages(desk: desk, renderer: renderer).register(on: pages)
        SessionPages(desk: desk, renderer: renderer).register(on: pages)
        QueuePage(desk: desk, renderer: renderer).register(on: pages)
        MoneyPages(desk: desk, renderer: renderer).register(on: pages)
        AdminPages(desk: desk, renderer: renderer).register(on: pages)
    }
}
