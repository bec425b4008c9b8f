import AssistCore
import Foundation
import Hummingbird

/// Lets a request through only with a valid bearer token, and puts its user in the context.
///
/// The token travels only in the `Authorization` header (never a URL) and is looked up by
/// its SHA-256; it is never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    let store: any AccountStore
    let throttle: FailedAuthenticationThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw Problem.unauthenticated }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthenticated }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        guard secret.hasPrefix(TokenIssuer.prefix),
              let user = try await store.user(forTokenHash: TokenIssuer.hash(of: secret), at: Date())
        else {
            await throttle.failed(from: context.remoteAddress?.ipAddress ?? "unknown", logger: context.logger)
            throw Problem.invalidToken
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
