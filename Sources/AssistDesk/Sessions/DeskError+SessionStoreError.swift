import AssistCore

extension DeskError {
    /// The refusal for each way a session operation can fail; none names a secret.
    init(_ error: SessionStoreError) {
        switch error {
        case .sessionNotFound:
            self = .sessionNotFound
        case .expired:
            self.init(
                .gone, code: .sessionExpired, title: "Session expired",
                detail: "Nobody joined this session in time and its credentials are gone: the agent opens a new one.")
        case .pinMismatch(let attemptsLeft):
            self.init(
                .forbidden, code: .pinMismatch, title: "Wrong PIN",
                detail: "That is not the session's PIN: check the PIN you were given (\(attemptsLeft) more wrong PIN\(attemptsLeft == 1 ? "" : "s") lock it).")
        case .pinLocked:
            self.init(.locked, code: .pinLocked, title: "PIN locked", detail: "Too many wrong PINs: this PIN is locked. Ask the agent for a new PIN.")
        case .pinUsed:
            self.init(
                .conflict, code: .pinUsed, title: "PIN already used",
                detail: "This session's one-time PIN was used already: the session is joined; ask the agent for a new session if needed.")
        case .wrongState(let state):
            self.init(
                .conflict, code: .sessionNotActive, title: "Session not active",
                detail: "The session is \(state.rawValue): nothing more can be done with it; open a new one if needed.")
        case .credentialsWiped:
            self.init(
                .gone, code: .credentialsWiped, title: "Credentials wiped",
                detail: "The session is over and its credentials were wiped: open a new session if needed.")
        case .credentialsKeyMissing:
            self.init(
                .unprocessable, code: .credentialsKeyMissing, title: "No credentials key",
                detail: "This process holds no credentials key, so it cannot handle remote-session credentials: use the server (assistd serve).")
        }
    }
}
