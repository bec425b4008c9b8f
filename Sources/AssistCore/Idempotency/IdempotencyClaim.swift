/// What a request carrying an `Idempotency-Key` may do.
public enum IdempotencyClaim: Sendable, Equatable {
    /// First use of the key: go ahead, then record the answer (or release the key).
    case claimed
    /// The same request is being handled right now.
    case inProgress
    /// The same request was answered before: send that answer again.
    case replay(status: Int, contentType: String, body: [UInt8])
    /// The key was used for a different request.
    case mismatch
}
