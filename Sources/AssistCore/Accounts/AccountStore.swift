import Foundation

/// Persistence of customers, users and their tokens. The server holds one, chosen at start-up
/// (SQLite today); tests use the same implementation on an in-memory database.
public protocol AccountStore: Sendable {
    /// Each write of who may do what is audited in its own transaction with the note `audit` words.
    func createCustomer(name: String, inn: String?, kpp: String?, at instant: Date, audit: @escaping @Sendable (Customer) -> AuditNote) async throws -> Customer
    func customer(id: Int64) async throws -> Customer?
    func customers() async throws -> [Customer]

    /// Throws `AccountStoreError.emailTaken` or `.customerNotFound`.
    func createUser(_ user: NewUser, at instant: Date, audit: @escaping @Sendable (UserAccount) -> AuditNote) async throws -> UserAccount
    func user(id: Int64) async throws -> UserAccount?
    func users() async throws -> [UserAccount]
    /// The users with this e-mail address (disabled ones too), by id.
    func users(email: String) async throws -> [UserAccount]
    /// `audit` is given the user before and after; nil means nothing worth recording changed.
    /// Throws `AccountStoreError.lastAdmin` when the change would leave no enabled admin.
    func updateUser(id: Int64, _ change: UserChange, at instant: Date, audit: @escaping @Sendable (UserAccount, UserAccount) -> AuditNote?) async throws -> UserAccount?
    func hasAdmin() async throws -> Bool

    func addToken(
        userId: Int64, tokenHash: String, label: String, createdAt: Date, expiresAt: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote
    ) async throws -> AccessTokenInfo
    func tokens(userId: Int64) async throws -> [AccessTokenInfo]
    func token(id: Int64) async throws -> AccessTokenInfo?
    /// Marks the token revoked (once; a second call changes nothing) and returns it.
    func revokeToken(id: Int64, at instant: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote) async throws -> AccessTokenInfo?
    /// The enabled user whose active (unexpired, unrevoked) token has this hash.
    func user(forTokenHash hash: String, at instant: Date) async throws -> UserAccount?
}
