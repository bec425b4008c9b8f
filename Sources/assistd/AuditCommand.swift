import ArgumentParser
import AssistCore
import AssistStore

/// `assistd audit …`: the audit log, straight from the database file.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The append-only, hash-chained audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the chain; report the first entry that was changed, removed or reordered (exit 1).")
        @Option(help: "SQLite database file.") var database: String = "var/assist.sqlite"

        func run() async throws {
            let store = try DatabaseFile.open(database)
            switch try await store.verifyAuditChain() {
            case .intact(let count):
                let head = try await store.auditEntries(subject: nil).last?.hash ?? AuditEntry.genesisHash
                print("The audit log is intact: \(count) entries, head \(head).")
            case .broken(let entry, let reason):
                throw CommandFailure.exit("The audit log is broken at entry \(entry): \(reason). Restore the database from a backup and investigate.")
            }
        }
    }
}
