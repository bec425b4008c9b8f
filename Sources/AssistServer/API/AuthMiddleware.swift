import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// Lets a request through only with a valid bearer token, and puts its user in the context.
///
/// The token travels only in the `Authorization` header (never a URL) and is never logged;
/// the desk checks it. Invalid tokens from one address are slowed down (`FailedAuthenticationThrottle`).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    let accounts: AccountDesk
    let throttle: FailedAuthenticationThrottle

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw DeskError.unauthenticated }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw DeskError.unauthenticated }
        let user: UserAccount
        do {
            user = try await accounts.authenticate(token: parts[1].trimming(.whitespaces))
        } catch let refusal as DeskError where refusal == .invalidToken {
            await throttle.failed(from: context.clientAddress, logger: context.logger)
            throw refusal
        }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
