import GRDB

/// What every record of the store is: fetched and persisted through `Codable`, with its dates
/// written by `StoredTime` — the same text GRDB would write, made without a `DateFormatter`.
protocol StoredRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension StoredRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoredTime.text($0) }
    }
}
