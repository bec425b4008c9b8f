import Hummingbird
import Logging

/// Turns every error a handler throws into a problem+json answer, here rather than at the
/// router's end, so the middlewares outside this one see every answer as a response.
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
            return try problem.response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // The router's and Hummingbird's own errors (HTTPError, NIOTooManyBytesError…).
            return try problem(for: error.status).response(from: request, context: context)
        } catch {
            context.logger.error("Request failed", metadata: ["error": "\(error)"])
            return try Problem.internalError.response(from: request, context: context)
        }
    }

    private func problem(for status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed()
        case .contentTooLarge: .bodyTooLarge(limit: maxBodyBytes)
        case .badRequest: .badRequest
        default:
            Problem(
                status: status, code: "http_\(status.code)", title: status.reasonPhrase,
                detail: "The request could not be served (\(status.code) \(status.reasonPhrase)). Check it against GET /v1/openapi.json.")
        }
    }
}
