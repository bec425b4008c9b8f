import ArgumentParser
import AssistServer
import AssistStore
import Foundation
import LibPQ

#if canImport(Glibc)
import Glibc
#endif

/// `assistd migrate-database`: the move from one node on SQLite to several on PostgreSQL.
struct MigrateDatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-database",
        abstract: "Copy a SQLite database into a new, empty PostgreSQL database, then check the copy.",
        discussion: """
            Everything is copied in one transaction (ids, numbers, the audit chain, attachments, the outbox's states): stop the \
            server first, and if the move is interrupted, nothing is kept and it can be run again. A target that holds rows is \
            refused. The copy is checked: the same number of rows in every table, the audit chain verified, the invoice and \
            credit-note series gapless.
            """)

    @Option(help: "The SQLite database file to copy.")
    var from: String = "var/assist.sqlite"
    @Option(help: "The empty PostgreSQL database: a postgres:// URI (a password is better in ~/.pgpass than here).")
    var to: String

    func validate() throws {
        guard PostgresURI.isPostgres(to) else { throw ValidationError("--to must be a postgres:// or postgresql:// URI, e.g. postgres://assist@db.example/assist?sslmode=verify-full") }
        guard FileManager.default.fileExists(atPath: from) else { throw ValidationError("--from \(from): there is no such database file.") }
    }

    func run() async throws {
        let source: AppDatabase
        do {
            source = try AppDatabase.openFile(atPath: from)
        } catch {
            throw CommandFailure.exit("The database \(from) cannot be opened: \(error). Check the path and its permissions.")
        }
        let target = PostgresURI.redacted(to)
        let terminal = isatty(STDERR_FILENO) == 1
        do {
            let report = try await DatabaseMove.run(from: source, to: to) { progress in
                if terminal {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(Self.line(progress))".utf8))
                } else if progress.tableRows == progress.tableTotal {
                    FileHandle.standardError.write(Data("\(Self.line(progress))\n".utf8))
                }
            }
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            let rows = report.rows.map(\.count).reduce(0, +)
            print("""
                Moved \(rows) rows in \(report.rows.count) tables from \(from) into \(target): every table's row count matches, \
                the audit chain verifies (\(report.auditEntries) entries), the invoice and credit-note series are gapless.
                Start the nodes with --database (ASSIST_DATABASE) set to the PostgreSQL URI.
                """)
        } catch let failure as DatabaseMove.Failure {
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CommandFailure.exit(failure.description)
        } catch {
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            throw CommandFailure.exit("The move into \(target) failed: \(error). Nothing was kept in the target; fix the cause and run it again.")
        }
    }

    /// `ticket: 1 200 of 3 000 rows · 40 % of all · about 12 s left`
    static func line(_ progress: DatabaseMove.Progress) -> String {
        let share = progress.total == 0 ? 100 : progress.copied * 100 / progress.total
        let left = progress.left.map { " · about \(max(1, Int($0.components.seconds))) s left" } ?? ""
        return "\(progress.table): \(progress.tableRows) of \(progress.tableTotal) rows · \(share) % of all\(left)"
    }
}
