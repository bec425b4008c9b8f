/// Which node polls the mailbox when several serve one database: the one that holds the lease
/// (PostgreSQL's advisory lock, `PostgresAdvisoryLease`). One node alone needs none.
public protocol MailboxLease: Sendable {
    /// Whether this node holds the lease now, taking it when it is free.
    func hold() async -> Bool
    /// Gives it up at a graceful stop, so another node takes over at its next round.
    func release()
}
