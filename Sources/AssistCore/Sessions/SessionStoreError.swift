/// Why a session operation was refused. Never carries a secret.
public enum SessionStoreError: Error, Sendable, Equatable {
    case sessionNotFound
    /// Nobody joined in time; its credentials are gone.
    case expired
    /// A wrong PIN; `attemptsLeft` more before the PIN locks.
    case pinMismatch(attemptsLeft: Int)
    /// Too many wrong PINs: the PIN no longer works, even the right one, until the agent issues a new one.
    case pinLocked
    /// The PIN was used already: a PIN works once.
    case pinUsed
    /// The session is not in a state that allows this.
    case wrongState(RemoteSessionState)
    /// The credentials were wiped (the session is over).
    case credentialsWiped
    /// This process holds no credentials key (an MTA's pipe, an offline command): it cannot seal or open credentials.
    case credentialsKeyMissing
}
