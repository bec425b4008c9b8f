import Foundation

/// Persistence of what people sign in with on the web: password hashes, web sessions and
/// one-time set-password links. Secrets arrive here already hashed.
public protocol SignInStore: Sendable {
    /// The stored password hash (`scrypt$…`) of an enabled or disabled user, if one is set.
    func passwordHash(userId: Int64) async throws -> String?
    /// Sets the user's password hash and ends every web session of theirs, in one transaction,
    /// audited (`actor` nil: offline, by `assistd admin set-password`).
    func setPasswordHash(userId: Int64, hash: String, by actor: Int64?, at instant: Date) async throws

    func createWebSession(userId: Int64, secretHash: String, csrfToken: String, at instant: Date) async throws -> WebSession
    /// The session whose secret has this hash, with its user (who may be disabled since).
    func webSession(secretHash: String) async throws -> (session: WebSession, user: UserAccount)?
    func touchWebSession(id: Int64, at instant: Date) async throws
    func deleteWebSession(id: Int64) async throws
    /// Ends every session of the user; returns how many there were.
    func deleteWebSessions(userId: Int64) async throws -> Int
    /// Sessions idle since `idleBefore` or created before `createdBefore` are gone for good.
    func deleteExpiredWebSessions(idleBefore: Date, createdBefore: Date) async throws -> Int

    /// Stores a set-password link an admin gave out, audited with `audit`.
    func addPasswordLink(userId: Int64, tokenHash: String, expiresAt: Date, audit: AuditNote, at instant: Date) async throws
    /// A set-password link goes out by mail — asked for by the person, or sent by an admin:
    /// unless a letter of the kind went to them after `notSince`, voids their other links, stores
    /// this one and queues the letter, its sealed link kept beside it (never in its text), in one
    /// transaction, audited with `audit`. False when a letter went out too recently.
    func mailPasswordLink(
        userId: Int64, tokenHash: String, expiresAt: Date, recipient: String, letter: (subject: String, body: String),
        sealedLink: [UInt8], notSince: Date?, audit: AuditNote, at instant: Date
    ) async throws -> Bool
    /// The user of the unexpired, unused link with this hash, if there is one.
    func passwordLinkUserId(tokenHash: String, at instant: Date) async throws -> Int64?
    /// Spends the unexpired, unused link with this hash: sets the password hash and ends the
    /// user's sessions in the same transaction. Nil when no such link is usable.
    func usePasswordLink(tokenHash: String, newHash: String, at instant: Date) async throws -> Int64?

    /// When each of these throttle keys is blocked until; keys not blocked now are left out.
    func blockedUntil(keys: [String], at instant: Date) async throws -> [String: Date]
    /// Changes one throttle key's count as `change` says, given the count as stored (nil: none),
    /// with the key held until it is written, so failures counted on several nodes at once all
    /// count; nil from `change` forgets the key. Counts whose last failure is before
    /// `forgetBefore` are forgotten in the same write. Returns the count before and after.
    func changeFailureCount(
        key: String, forgetBefore: Date, _ change: @escaping @Sendable (FailureCount?) -> FailureCount?
    ) async throws -> (before: FailureCount?, after: FailureCount?)
}
