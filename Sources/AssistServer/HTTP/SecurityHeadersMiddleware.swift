import Hummingbird

/// Puts `SecurityHeaders` on every answer of the router; outermost, so problems get them too.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        SecurityHeaders.apply(to: &response.headers, authenticated: request.headers[.authorization] != nil)
        return response
    }
}
