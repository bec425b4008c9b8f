import AssistCore
import Foundation
import HTTPTypes
import Hummingbird
import OpenSSLCrypto
import OpenSSLTLS

/// `Idempotency-Key` on state-changing requests: a retried request gets the first answer
/// instead of acting twice.
///
/// Keys belong to the signed-in user. The first request claims its key before it runs, so a
/// concurrent duplicate gets `409 idempotency_key_in_use`; a different request with a used key
/// gets `422 idempotency_key_reused`. Only successful answers are kept: a failed request can be
/// corrected and retried with the same key. An answer marked `Cache-Control: no-store` (a new
/// token) is never stored, so no secret reaches the database: such a retry acts again.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    let store: any IdempotencyStore
    let maxBodyBytes: Int
    /// When a claim was made, and so when it is stale.
    let clock: any WallClock
    /// A claim this old is taken over: its request can no longer be running.
    static let staleAfter: TimeInterval = 300

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method), let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw Problem(
                status: .badRequest, code: "invalid_idempotency_key", title: "Invalid Idempotency-Key",
                detail: "The Idempotency-Key must be 1 to 255 visible ASCII characters: send e.g. a UUID.")
        }
        guard let user = context.user else { return try await next(request, context) }

        var request = request
        let body = try await request.body.collect(upTo: maxBodyBytes)
        request.body = RequestBody(buffer: body)
        let fingerprint = SHA256Digest.hex(of: Array("\(request.method.rawValue) \(request.uri.description)\n".utf8) + Array(buffer: body))

        switch try await store.claim(userId: user.id, key: key, fingerprint: fingerprint, at: clock.now, staleAfter: Self.staleAfter) {
        case .replay(let status, let contentType, let stored):
            return Response(
                status: .init(code: status),
                headers: [.contentType: contentType, Self.replayed: "true"],
                body: .init(byteBuffer: ByteBuffer(bytes: stored)))
        case .inProgress:
            throw Problem(
                status: .conflict, code: "idempotency_key_in_use", title: "Request in progress",
                detail: "A request with this Idempotency-Key is being handled now: wait for it, then retry to get its answer.")
        case .mismatch:
            throw Problem(
                status: .unprocessableContent, code: "idempotency_key_reused", title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used for a different request: use a new key for a new request.")
        case .claimed:
            break
        }

        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            try await store.release(userId: user.id, key: key)
            throw error
        }
        guard (200..<300).contains(Int(response.status.code)), response.headers[.cacheControl] != "no-store" else {
            try await store.release(userId: user.id, key: key)
            return response
        }
        let answer = try await ResponseBodyCollector.collect(&response)
        try await store.complete(
            userId: user.id, key: key, status: Int(response.status.code),
            contentType: response.headers[.contentType] ?? "application/json", body: Array(buffer: answer))
        return response
    }
}
