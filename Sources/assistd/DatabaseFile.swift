import AssistStore

/// Opens the database file for an offline command, or fails with one sentence.
enum DatabaseFile {
    static func open(_ path: String) throws -> AppDatabase {
        do {
            return try AppDatabase.openFile(atPath: path)
        } catch {
            throw CommandFailure.exit("The database \(path) cannot be opened or migrated: \(error). Check the path and its permissions.")
        }
    }
}
