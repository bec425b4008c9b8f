import GRDB

/// Empties the token cache when a transaction that changed people or tokens commits.
///
/// Registered on the database's writer, so it sees every write of this process, whatever
/// store function or SQL made it; its callbacks run inside the commit, before the write
/// returns to the request that made it.
final class AccountChangeObserver: TransactionObserver {
    private let cache: TokenUserCache
    /// Set when a change was seen in the transaction now running (the writer's queue only).
    private var changed = false

    init(cache: TokenUserCache) {
        self.cache = cache
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        let table = eventKind.tableName
        return table == UserRecord.databaseTableName || table == AccessTokenRecord.databaseTableName
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
    }

    func databaseDidCommit(_ db: Database) {
        if changed { cache.forgetAll() }
        changed = false
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }
}
