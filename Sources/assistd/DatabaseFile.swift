import AssistCore
import AssistDesk
import AssistServer

/// Opens the database (a file path or a `postgres://` URI) for an offline command, or fails with one sentence.
enum DatabaseFile {
    static func open(_ location: String) async throws -> DeskDatabase {
        do {
            return try await DeskDatabase.open(location, connections: 2)
        } catch {
            throw CommandFailure.exit("\(error.description) Check the path or URI and its permissions.")
        }
    }

    /// The stores of an offline command, which holds no credentials key.
    static func stores(_ location: String) async throws -> DeskStores {
        try await open(location).stores(credentialsKey: nil)
    }
}
