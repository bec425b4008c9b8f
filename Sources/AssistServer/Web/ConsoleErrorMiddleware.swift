import AssistDesk
import Hummingbird

/// Errors a browser meets outside a page's own handling — an address that does not exist, a
/// failure deep in the server — answered as a console page instead of the API's problem+json.
///
/// Only for requests that ask for HTML and are not the API's; everything else goes on to
/// `ProblemMiddleware` unchanged.
struct ConsoleErrorMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    let renderer: WebRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch where Self.isPage(request) && !ProblemMiddleware<Context>.isTransportFailure(error) {
            if let refusal = error as? DeskError {
                return renderer.refusal(refusal, context: context)
            }
            if let failure = error as? any HTTPResponseError, failure.status.code < 500 {
                return failure.status == .notFound || failure.status == .methodNotAllowed
                    ? renderer.message(.error("Такой страницы нет: проверьте адрес."), title: "Не найдено", context: context, status: .notFound)
                    : renderer.message(.error("Запрос не принят: вернитесь на страницу и попробуйте снова."), title: "Не принято", context: context, status: failure.status)
            }
            context.logger.error("Console request failed", metadata: ["error": "\(error)"])
            return renderer.message(
                .error("На сервере что-то пошло не так, ничего не изменено. Попробуйте ещё раз через минуту; если повторится — сообщите администратору."),
                title: "Ошибка", context: context, status: .internalServerError)
        }
    }

    /// A browser's request for a console page: it accepts HTML and is not for the API.
    static func isPage(_ request: Request) -> Bool {
        let path = request.uri.path
        return !path.hasPrefix("/v1") && path != "/healthz" && (request.headers[.accept]?.contains("text/html") ?? false)
    }
}
