import Foundation
import GRDB
import Synchronization

/// Group commit: concurrent writes share one transaction and one fsync.
///
/// A write that arrives while another batch is being committed waits for that commit, then
/// runs with every other write that arrived meanwhile, each inside its own savepoint: a write
/// that throws rolls back alone and gets its own error, the others go on. Each caller is
/// answered only after the shared commit returned, so an acknowledged write is still a durable
/// one (`synchronous=FULL`). A lone write is not delayed: with nothing in flight it starts at
/// once. Invariants that need one writer at a time (gapless invoice numbers, one running timer
/// per agent, the audit hash chain) hold as before — the writes of a batch run one after
/// another on the one connection that writes, each seeing the ones before it.
///
/// Should the batch itself fail (its commit, or a write that aborted the whole transaction),
/// nothing of it was stored, and each write of it runs again in a transaction of its own, so
/// one write's trouble is never another's answer.
final class GroupCommit: Sendable {
    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// Writes committed together at the most: bounds a batch's latency and its memory.
    private let maximumBatch = 256

    private struct State {
        var pending: [any BatchedWrite] = []
        var committing = false
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let startsBatch = state.withLock { state in
                state.pending.append(PendingWrite(body: body, continuation: continuation))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            if startsBatch {
                Task { await self.commitWhilePending() }
            }
        }
    }

    /// Commits batch after batch until nothing waits.
    private func commitWhilePending() async {
        while true {
            let batch: [any BatchedWrite] = state.withLock { state in
                let taken = Array(state.pending.prefix(maximumBatch))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.committing = false }
                return taken
            }
            if batch.isEmpty { return }
            do {
                try await writer.write { db in
                    for write in batch { try write.run(in: db) }
                }
                for write in batch { write.answer() }
            } catch {
                for write in batch { await write.runAlone(on: writer) }
            }
        }
    }
}

/// One caller's write waiting in a batch.
protocol BatchedWrite: Sendable {
    /// Runs the write in its own savepoint of the batch's transaction and keeps its outcome;
    /// throws only when the whole transaction is lost.
    func run(in db: Database) throws
    /// Answers the caller with the kept outcome, after the batch committed.
    func answer()
    /// Runs the write again in a transaction of its own and answers the caller.
    func runAlone(on writer: any DatabaseWriter) async
}

/// A write and the caller waiting for it.
final class PendingWrite<T: Sendable>: BatchedWrite, @unchecked Sendable {
    private let body: @Sendable (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    /// Set by `run` on the writer's queue, read by `answer` after the commit: never at once.
    private var outcome: Result<T, any Error>?

    init(body: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(in db: Database) throws {
        // The savepoint's three statements are prepared once per connection: GRDB's `inSavepoint`
        // prepares SAVEPOINT and RELEASE anew for each write, which under load was a few per cent
        // of the server's CPU. Executed through GRDB's statements, they keep GRDB's own account of
        // the transaction.
        try db.cachedStatement(sql: "SAVEPOINT pendingWrite").execute()
        do {
            let value = try body(db)
            try db.cachedStatement(sql: "RELEASE SAVEPOINT pendingWrite").execute()
            outcome = .success(value)
        } catch {
            // An error that ended the whole transaction undid the writes before this one too; a
            // savepoint that cannot be undone leaves the batch unable to go on, as if it had.
            guard db.isInsideTransaction else { throw TransactionLost() }
            do {
                try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT pendingWrite").execute()
                try db.cachedStatement(sql: "RELEASE SAVEPOINT pendingWrite").execute()
            } catch {
                throw TransactionLost()
            }
            outcome = .failure(error)
        }
    }

    func answer() {
        continuation.resume(with: outcome ?? .failure(TransactionLost()))
    }

    func runAlone(on writer: any DatabaseWriter) async {
        do {
            continuation.resume(returning: try await writer.write(body))
        } catch {
            continuation.resume(throwing: error)
        }
    }
}

/// The batch's transaction ended under it: its writes run again, each alone.
struct TransactionLost: Error {}
