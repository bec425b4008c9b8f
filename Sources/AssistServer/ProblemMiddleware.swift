import Hummingbird
import Logging

/// Turns every error a handler throws into a problem+json answer.
///
/// `Problem`s pass through as they are; the router's own HTTP errors (no route, wrong method,
/// body over the limit) become problems with stable codes; anything else is logged and
/// answered as `internal_error`, with no detail of it reaching the client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            throw problem(for: error)
        } catch {
            context.logger.error("Request failed", metadata: ["error": "\(error)"])
            throw Problem.internalError
        }
    }

    private func problem(for error: HTTPError) -> Problem {
        switch error.status {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed()
        case .contentTooLarge: .bodyTooLarge(limit: maxBodyBytes)
        case .badRequest: .badRequest
        default:
            Problem(
                status: error.status, code: "http_\(error.status.code)", title: error.status.reasonPhrase,
                detail: "The request could not be served (\(error.status.code) \(error.status.reasonPhrase)). Check it against GET /v1/openapi.json.")
        }
    }
}
