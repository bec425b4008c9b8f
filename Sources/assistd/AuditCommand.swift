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
        @Option(help: "The database: a SQLite file, or a postgres:// URI.") var database: String = "var/assist.sqlite"

        /// At most 20 entry numbers, then how many more.
        static func list(_ entries: [Int64]) -> String {
            let shown = entries.prefix(20).map(String.init).joined(separator: ", ")
            return entries.count > 20 ? "entries \(shown) and \(entries.count - 20) more" : "entr\(entries.count == 1 ? "y" : "ies") \(shown)"
        }

        func run() async throws {
            let store = try await DatabaseFile.stores(database).audit
            switch try await store.verifyAuditChain() {
            case .intact(let count):
                let head = try await store.auditEntries(subject: nil).last?.hash ?? AuditEntry.genesisHash
                print("The audit log is intact: \(count) entries, head \(head).")
            case .broken(let entry, let reason, let laterBreaks):
                let later = laterBreaks.isEmpty ? "" : " It breaks again at \(Self.list(laterBreaks))."
                throw CommandFailure.exit(
                    "The audit log is broken at entry \(entry): \(reason).\(later) Restore the database from a backup and investigate.")
            }
        }
    }
}
