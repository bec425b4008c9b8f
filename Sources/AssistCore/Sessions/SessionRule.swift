/// what a remote session in each state allows, whichever engine stores it. The stores
/// read the session (its row held), ask here, and write what was allowed.
public enum SessionRule {
    /// Joining with the PIN: an issued session whose PIN is not locked; a joined one has spent its PIN.
    public static func checkJoin(_ session: RemoteSession) throws(SessionStoreError) {
        switch session.state {
        case .issued: break
        case .expired: throw .expired
        case .active: throw .pinUsed
        default: throw .wrongState(session.state)
        }
        guard !session.pinLocked else { throw .pinLocked }
    }

    /// A new PIN: only while nobody joined.
    public static func checkPINReissue(_ session: RemoteSession) throws(SessionStoreError) {
        guard session.state == .issued else { throw refusal(session) }
    }

    /// Handing over the tool's password: while the session holds credentials.
    public static func checkPasswordHandOver(_ session: RemoteSession) throws(SessionStoreError) {
        guard session.state.holdsCredentials else { throw refusal(session) }
    }

    /// Reading the credentials: while the session holds them; after, they are wiped.
    public static func checkReading(_ session: RemoteSession) throws(SessionStoreError) {
        guard session.state.holdsCredentials else { throw session.state == .expired ? .expired : .credentialsWiped }
    }

    /// Ending (issued or active) or cancelling (issued only) by a person.
    public static func checkFinish(_ session: RemoteSession, as state: RemoteSessionState) throws(SessionStoreError) {
        let allowed: Set<RemoteSessionState> = state == .cancelled ? [.issued] : [.issued, .active]
        guard allowed.contains(session.state) else { throw refusal(session) }
    }

    /// A wrong PIN, counted: the tries left, or the lock once `pinAttemptLimit` are used up.
    public static func wrongPIN(failures: Int) -> SessionStoreError {
        failures >= RemoteSession.pinAttemptLimit ? .pinLocked : .pinMismatch(attemptsLeft: RemoteSession.pinAttemptLimit - failures)
    }

    /// Whether a session's PIN is locked after `failures` wrong ones: only an issued session's.
    public static func pinLocked(state: RemoteSessionState, failures: Int) -> Bool {
        state == .issued && failures >= RemoteSession.pinAttemptLimit
    }

    static func refusal(_ session: RemoteSession) -> SessionStoreError {
        session.state == .expired ? .expired : .wrongState(session.state)
    }
}
