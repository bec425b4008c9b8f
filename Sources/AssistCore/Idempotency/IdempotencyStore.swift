import Foundation

/// Remembers answers to state-changing requests by (user, `Idempotency-Key`), so a retried
/// request gets the first answer instead of acting twice.
public protocol IdempotencyStore: Sendable {
    /// Claims the key for a request with this fingerprint (method, path, body). A claim left
    /// pending longer than `staleAfter` (a crash mid-request) may be taken over.
    func claim(userId: Int64, key: String, fingerprint: String, at instant: Date, staleAfter: TimeInterval) async throws -> IdempotencyClaim
    /// Records the answer of a claimed request.
    func complete(userId: Int64, key: String, status: Int, contentType: String, body: [UInt8]) async throws
    /// Gives the key up (the request failed or its answer must not be stored), so a retry acts again.
    func release(userId: Int64, key: String) async throws
}
