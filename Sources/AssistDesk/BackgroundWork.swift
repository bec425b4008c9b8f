/// Work a use case hands off to be done after it has answered — so that the answer, and how long
/// it took, tell nothing about it (whether an address has an account, whether a lockout began) —
/// done in the order handed over, one at a time. Given by the composition root: in the server, a
/// service of its group that finishes what it holds at a graceful shutdown and logs what fails.
public protocol BackgroundWork: Sendable {
    /// `what` names the work in the log should it fail (never a secret).
    func later(_ what: String, _ work: @escaping @Sendable () async throws -> Void)
}
