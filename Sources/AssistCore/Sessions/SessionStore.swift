import Foundation

/// Remote-access session records and their encrypted credentials.
///
/// Implementations keep credentials encrypted at rest, wipe them when a session leaves
/// `issued`/`active`, expire sessions nobody joined in time (checked on every access), and
/// record every credential read in the audit log in the same transaction as the read.
public protocol SessionStore: Sendable {
    /// Opens `session` with its sealed credentials, audited, and queues `letter` (given the new
    /// session's id and the ticket's sender) in the same transaction.
    func openSession(
        _ session: NewRemoteSession, credentials: SessionCredentials, at instant: Date,
        letter: @escaping @Sendable (_ sessionId: Int64, _ sender: String) -> OutgoingLetter
    ) async throws -> RemoteSession
    func session(id: Int64, at instant: Date) async throws -> RemoteSession?
    func sessions(ticketId: Int64, at instant: Date) async throws -> [RemoteSession]
    /// Audited. Throws `.credentialsWiped` once the session is over.
    func readCredentials(sessionId: Int64, readerUserId: Int64, readerRole: String, at instant: Date) async throws -> SessionCredentials
    /// The customer joins with the one-time PIN: the session becomes active and the PIN is spent.
    /// Each wrong PIN is counted and audited (committed even though the call fails); after
    /// `RemoteSession.pinAttemptLimit` of them the PIN is locked.
    func join(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession
    /// The opening agent replaces the PIN of a session nobody joined yet (after a lock, or a PIN
    /// given to the wrong person): the failures start again from zero. Audited.
    func reissuePIN(sessionId: Int64, pin: String, by userId: Int64, at instant: Date) async throws -> RemoteSession
    /// The customer passes the one-time password its tool shows, for the agent to read.
    func passPassword(sessionId: Int64, password: String, by userId: Int64, at instant: Date) async throws -> RemoteSession
    /// Ends an issued or active session and wipes its credentials.
    func end(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession
    /// Cancels a session nobody joined yet and wipes its credentials.
    func cancel(sessionId: Int64, by userId: Int64, at instant: Date) async throws -> RemoteSession
    /// R-1.4 (`SessionLifetime`): expires the issued sessions whose join deadline passed and ends
    /// the active ones joined before `cutoff`, wiping their credentials, audited; how many.
    func expireSessions(activeBefore cutoff: Date, at instant: Date) async throws -> Int
}
