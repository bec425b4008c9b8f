import ArgumentParser
import AssistCore
import AssistDesk
import AssistServer
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
    @Option(
        name: .customLong("set-inn"),
        help: "Before migrating, give a customer its INN (or none): <customer id>=<INN|none>. For customers that share an INN (audited).")
    var setINN: [String] = []

    func run() async throws {
        for assignment in setINN {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let id = Int64(parts[0]) else {
                throw CommandFailure.exit("--set-inn \(assignment): write <customer id>=<INN or none>, e.g. --set-inn 7=none")
            }
            do {
                let inn = parts[1] == "none" ? nil : try AccountValidation.inn(parts[1])
                try AppDatabase.repairINN(atPath: database, customerId: id, inn: inn, at: SystemClock().now)
                print("customer \(id): INN \(inn ?? "none") (audited)")
            } catch AccountStoreError.customerNotFound {
                throw CommandFailure.exit("--set-inn \(assignment) was not applied: there is no customer \(id). Check the ids the migration listed.")
            } catch let error as DeskError {
                throw CommandFailure.exit("--set-inn \(assignment) was not applied: \(error.detail)")
            } catch {
                throw CommandFailure.exit("--set-inn \(assignment) was not applied: \(error)")
            }
        }
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
