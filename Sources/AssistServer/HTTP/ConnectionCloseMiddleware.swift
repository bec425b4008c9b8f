import Hummingbird

/// Says `Connection: close` in the answer when the request did, as HTTP/1.1 asks
/// (RFC 9112 §9.6): the server closes after answering such a request, and a client that
/// was not told would count the close as an error.
struct ConnectionCloseMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if request.headers[.connection]?.lowercased() == "close" {
            response.headers[.connection] = "close"
        }
        return response
    }
}
