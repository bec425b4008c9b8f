import AssistMail
import LibPQ

/// The mailbox poller's lease on a shared PostgreSQL database: an advisory lock one node holds.
struct PostgresMailboxLease: MailboxLease {
    let lease: PostgresAdvisoryLease

    func hold() async -> Bool { await lease.hold() }
    func release() { lease.release() }
}
