import GRDB
import Synchronization

/// Notices a committed transaction that wiped or replaced a sealed secret — a remote session's
/// credentials, a letter's set-password link — so the write-ahead log that still holds the old
/// bytes is emptied right after (`AppDatabase.forgetWipedSecrets`).
///
/// SQLite's WAL keeps every page as it was written until a checkpoint copies it into the
/// database and the log is reset: overwritten in the database (`secure_delete`), a secret
/// would otherwise still sit in the `-wal` file, and a `kill -9` would leave it there.
///
/// Unchecked `Sendable`: `changed` is touched only by SQLite's callbacks on the one writing
/// connection; what other threads read is the atomic `pending`.
final class WipedSecrets: TransactionObserver, @unchecked Sendable {
    /// Counts the commits that changed a secret.
    let wiped = Atomic<Int>(0)
    /// The count of those the log was last emptied after.
    let forgotten = Atomic<Int>(0)
    /// Set when a change was seen in the transaction now running (the writer's queue only).
    private var changed = false

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .update(let table, let columns): table == "remoteSession" && columns.contains("credentials")
        case .delete(let table): table == "letterSecret" || table == "remoteSession"
        case .insert: false
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
    }

    func databaseDidCommit(_ db: Database) {
        if changed { wiped.add(1, ordering: .sequentiallyConsistent) }
        changed = false
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
