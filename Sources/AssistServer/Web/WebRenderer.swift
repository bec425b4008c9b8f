import AssistCore
import AssistDesk
import Hummingbird

/// Renders a console page inside the common layout: the header with the person's name, the
/// menu of their role, the sign-out form with its CSRF token, and the page message.
struct WebRenderer: Sendable {
    let templates: WebTemplates

    func page(
        _ template: String, title: String, context: AssistRequestContext, model: [String: Any] = [:],
        message: PageMessage? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var full = model
        full["title"] = title
        full["message"] = message?.model
        if let user = context.user, let session = context.webSession {
            full["csrf"] = session.csrfToken
            full["signedIn"] = ["name": user.displayName, "role": Self.roleName(user.role)]
            full["nav"] = Self.menu(for: user.role).map { ["href": $0.href, "label": $0.label] }
            full[user.role.rawValue] = true
        }
        return WebPage.html(templates.render(template, full), status: status)
    }

    /// A page with only a message: refusals that leave nothing else to show.
    func message(_ message: PageMessage, title: String, context: AssistRequestContext, status: HTTPResponse.Status) -> Response {
        page("message", title: title, context: context, message: message, status: status)
    }

    /// A desk refusal on its own page.
    func refusal(_ error: DeskError, context: AssistRequestContext) -> Response {
        message(PageMessage(error), title: error.kind == .notFound ? "Не найдено" : "Не выполнено", context: context, status: error.pageStatus)
    }

    /// Runs a page and shows a desk refusal (or a request too large) as a page, never as the
    /// API's JSON problem: the web's one place where refusals become pages.
    func answer(_ context: AssistRequestContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let refusal as DeskError {
            return self.refusal(refusal, context: context)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge(context)
        } catch let error as HTTPError where error.status == .badRequest {
            // A malformed address, e.g. /sessions/abc: the page says so instead of the API's JSON.
            return message(.error("Такой страницы нет: проверьте адрес."), title: "Не найдено", context: context, status: .notFound)
        }
    }

    /// An optional value for a template: a missing one is `false`, so `{{#x}}` skips its section
    /// (an `Optional.none` would count as present and print "nil").
    static func shown(_ value: Any?) -> Any {
        value ?? false
    }

    /// A form bigger than the server reads.
    func tooLarge(_ context: AssistRequestContext) -> Response {
        message(
            .error("Слишком большой запрос: уменьшите текст или вложения и отправьте снова."), title: "Не принято", context: context,
            status: .contentTooLarge)
    }

    /// A form posted from another site's page (its `Origin` is not ours).
    func foreignForm(_ context: AssistRequestContext) -> Response {
        message(.error("Форма отправлена не с этой страницы."), title: "Форма отклонена", context: context, status: .forbidden)
    }

    static func roleName(_ role: Role) -> String {
        switch role {
        case .admin: "администратор"
        case .agent: "специалист поддержки"
        case .accounting: "бухгалтерия"
        case .customer: "клиент"
        }
    }

    /// The first entry is the role's home page, where sign-in leads.
    static func menu(for role: Role) -> [(href: String, label: String)] {
        switch role {
        case .customer: [("/tickets", "Мои заявки"), ("/tickets/new", "Новая заявка"), ("/invoices", "Счета")]
        case .agent: [("/queue", "Очередь"), ("/tickets", "Все заявки")]
        case .accounting: [("/accounting/metering", "Учёт времени"), ("/accounting/invoices", "Счета"), ("/accounting/exports", "Выгрузки часов")]
        case .admin:
            [("/admin/users", "Пользователи"), ("/admin/customers", "Клиенты"), ("/admin/calendar", "Календарь"),
             ("/admin/audit", "Журнал"), ("/admin/outbox", "Исходящая почта"), ("/queue", "Очередь")]
        }
    }
}
