/// The slow password hash, given by the composition root (scrypt from OpenSSL), so the desk
/// touches no crypto library. Async: a hash takes tens of milliseconds and runs off the
/// request threads.
public protocol PasswordHasher: Sendable {
    /// A self-describing hash of `password` with a fresh salt (`scrypt$…`).
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `hash`, in time that does not depend on where they differ.
    func verify(_ password: String, against hash: String) async -> Bool
}
