import GRDB

/// Calls `committed` when a transaction that changed one of `tables` commits.
///
/// Registered on the database's writer, so it sees every write of this process, whatever
/// store function or SQL made it; its callbacks run inside the commit, before the write
/// returns to the request that made it. Used to forget remembered reads (`RememberedReads`).
final class TableChangeObserver: TransactionObserver {
    private let tables: Set<String>
    private let committed: @Sendable () -> Void
    /// Set when a change was seen in the transaction now running (the writer's queue only).
    private var changed = false

    init(tables: Set<String>, committed: @escaping @Sendable () -> Void) {
        self.tables = tables
        self.committed = committed
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        tables.contains(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
    }

    func databaseDidCommit(_ db: Database) {
        if changed { committed() }
        changed = false
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
