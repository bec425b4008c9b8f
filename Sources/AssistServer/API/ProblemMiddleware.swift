import AssistDesk
import Hummingbird
import LibPQ
import Logging
import NIOCore
import NIOHTTP1
import OpenSSLTLS

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
        } catch let refusal as DeskError {
            return try Problem(refusal).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            // The router's and Hummingbird's own errors (HTTPError, NIOTooManyBytesError…).
            if error.status == .notFound {
                // The router answers 404 for a known path with another method: that is a 405.
                let allowed = OpenAPIDocument.methods(forPath: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method.rawValue) {
                    var response = try Problem.methodNotAllowed(allowed: allowed).response(from: request, context: context)
                    response.headers[.allow] = allowed.joined(separator: ", ")
                    return response
                }
            }
            return try problem(for: error.status).response(from: request, context: context)
        } catch let error as PostgresError where error.kind == .connection {
            // The shared database cannot be reached (a restart, a failover to the standby):
            // nothing was committed; the next connection may reach the new primary.
            context.logger.error("The database cannot be reached", metadata: ["error": "\(error)"])
            var response = try Problem.databaseUnavailable.response(from: request, context: context)
            response.headers[.retryAfter] = "5"
            return response
        } catch where Self.isTransportFailure(error) {
            // The client went away or broke the connection mid-request (an aborted upload):
            // nobody is left to answer, and it is no fault of ours worth an error line each time.
            context.logger.debug("The connection failed during the request", metadata: ["error": "\(error)"])
            throw error
        } catch {
            context.logger.error("Request failed", metadata: ["error": "\(error)"])
            return try Problem.internalError.response(from: request, context: context)
        }
    }

    /// Failures of the connection rather than of the request: TLS, socket, HTTP framing, or
    /// the request's task cancelled because its connection closed.
    static func isTransportFailure(_ error: any Error) -> Bool {
        error is OpenSSLError || error is IOError || error is ChannelError || error is HTTPParserError || error is CancellationError
    }

    private func problem(for status: HTTPResponse.Status) -> Problem {
        switch status {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed(allowed: [])
        case .contentTooLarge: .bodyTooLarge(limit: maxBodyBytes)
        case .badRequest: .badRequest
        default:
            Problem(
                status: status, code: "http_\(status.code)", title: status.reasonPhrase,
                detail: "The request could not be served (\(status.code) \(status.reasonPhrase)). Check it against GET /v1/openapi.json.")
        }
    }
}
