import ArgumentParser
import AssistStore

/// `assistd migrate`: bring a database file to the current schema without serving.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations (serve does this too on start)."
    )

    @Option(help: "SQLite database file.")
    var database: String = "var/assist.sqlite"
    @Flag(help: "Only list the migrations that would be applied.")
    var dryRun = false

    func run() async throws {
        do {
            let pending = try AppDatabase.pendingMigrations(atPath: database)
            if dryRun {
                print(pending.isEmpty ? "No pending migrations." : pending.map { "pending: \($0)" }.joined(separator: "\n"))
                return
            }
            _ = try AppDatabase.openFile(atPath: database)
            print(pending.isEmpty ? "Database \(database) is up to date." : pending.map { "applied: \($0)" }.joined(separator: "\n"))
        } catch {
            throw CommandFailure.exit("The database \(database) cannot be opened or migrated: \(error). Check the path and its permissions.")
        }
    }
}
