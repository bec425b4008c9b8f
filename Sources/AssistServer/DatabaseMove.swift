import AssistCore
import AssistStore
import AssistStorePostgres
import Foundation
import LibPQ
import NIOPosix

/// `assistd migrate-database`: everything in a SQLite database copied into an empty PostgreSQL
/// one — ids, numbers, the audit chain, attachments, the outbox's states — in one transaction,
/// then checked: the same rows in every table on both sides, the audit chain verified and the
/// document series gapless on the target.
public enum DatabaseMove {
    /// How far the copy is.
    public struct Progress: Sendable {
        public let table: String
        public let tableRows: Int
        public let tableTotal: Int
        public let copied: Int
        public let total: Int
        public let elapsed: Duration

        /// The rest at the rate so far; nil before there is a rate.
        public var left: Duration? {
            guard copied > 0, total > copied else { return nil }
            return elapsed * (Double(total - copied) / Double(copied))
        }
    }

    /// What the checks found, table by table.
    public struct Report: Sendable {
        public let rows: [(table: String, count: Int)]
        public let auditEntries: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case targetNotEmpty([String])
        case schemasDiffer(String)
        case countsDiffer([String])
        case auditBroken(String)
        case seriesBroken([String])

        public var description: String {
            switch self {
            case .targetNotEmpty(let tables):
                "The target database is not empty (\(tables.joined(separator: ", ")) hold rows): move into a new, empty database."
            case .schemasDiffer(let detail):
                "The two databases' schemas differ (\(detail)): run 'assistd migrate' on the source with this same assistd first."
            case .countsDiffer(let tables):
                "The copy does not match its source (\(tables.joined(separator: "; "))): nothing was kept; run the move again."
            case .auditBroken(let reason):
                "The audit chain does not verify on the target (\(reason)): the target is not to be used; move into a new database again."
            case .seriesBroken(let problems):
                "The document series are not gapless on the target (\(problems.joined(separator: "; "))): check the source with 'assistd audit verify'."
            }
        }
    }

    /// Tables in an order every reference can be satisfied in; the invoice references of
    /// contracts and metered sessions are set once the invoices exist.
    static let order = [
        "servermetadata", "customer", "useraccount", "accesstoken", "userpassword", "websession", "passwordlink", "signinfailure", "contract",
        "licenceemail", "commercialgroup", "commercialgroupmember", "calendarrevision", "idempotentrequest", "auditentry", "tidsequence", "ticket",
        "ticketmessage", "attachmentcontent", "messageattachment", "ticketevent", "ticketproblem", "ticketescalation", "notification",
        "lettersecret", "flaggedaddress", "heldletter", "phoneinstalluse", "remotesession", "vipdisclosure", "meteredsession",
        "meteredcorrection", "documentcounter", "invoice", "invoiceline", "creditnote",
    ]
    static let setAfterwards: [String: String] = ["contract": "invoiceid", "meteredsession": "invoiceid"]

    /// Copies `source` into the empty database at `uri` and checks the copy; `progress` hears
    /// from the copying thread after each batch.
    public static func run(
        from source: AppDatabase, to uri: String, progress: @escaping @Sendable (Progress) -> Void
    ) async throws -> Report {
        // Not a database of something else: its schema is left untouched.
        let foreign = try await NIOThreadPool.singleton.runIfActive { try PostgresImport.foreignTables(uri: uri) }
        guard foreign.isEmpty else { throw Failure.targetNotEmpty(foreign) }
        // The target's schema first, in its own transactions (as `serve` would make it).
        try await PostgresDatabase.open(uri: uri, connections: 1).close()
        let rows = try await NIOThreadPool.singleton.runIfActive {
            try source.snapshot { snapshot in try copy(snapshot, to: uri, progress: progress) }
        }
        let target = try await PostgresDatabase.open(uri: uri, connections: 2)
        do {
            let entries = try await check(target)
            try await target.close()
            return Report(rows: rows, auditEntries: entries)
        } catch {
            try? await target.close()
            throw error
        }
    }

    /// The audit chain verified and the document series whole on the target: its audit entries.
    static func check(_ target: PostgresDatabase) async throws -> Int {
        let audit = try await target.verifyAuditChain()
        guard case .intact(let entries) = audit else { throw Failure.auditBroken("\(audit)") }
        let series = try await target.seriesProblems()
        guard series.isEmpty else { throw Failure.seriesBroken(series) }
        return entries
    }

    static func copy(_ snapshot: TableSnapshot, to uri: String, progress: @Sendable (Progress) -> Void) throws -> [(table: String, count: Int)] {
        let target = try PostgresImport(uri: uri)
        let filled = try target.filledTables()
        guard filled.isEmpty else { throw Failure.targetNotEmpty(filled) }
        let sourceTables = Dictionary(uniqueKeysWithValues: try snapshot.tables().map { ($0.key.lowercased(), (name: $0.key, columns: $0.value)) })
        let targetTables = try target.tables()
        let expected = Set(order).union(PostgresImport.bookkeeping)
        guard Set(sourceTables.keys) == Set(order), Set(targetTables.keys) == expected else {
            throw Failure.schemasDiffer(
                "source tables \(Set(sourceTables.keys).symmetricDifference(order).sorted()), target tables \(Set(targetTables.keys).symmetricDifference(expected).sorted()) unexpected or missing")
        }
        let totals = try order.map { try snapshot.count(sourceTables[$0]!.name) }
        let total = totals.reduce(0, +)
        let clock = ContinuousClock(), started = clock.now
        var copied = 0
        var counts: [(table: String, count: Int)] = []
        var afterwards: [(table: String, column: PostgresImport.Column, values: [(id: Int64, value: TableCell)])] = []
        for (table, tableTotal) in zip(order, totals) {
            let source = sourceTables[table]!
            let columns = targetTables[table] ?? []
            let sourceColumns = Dictionary(uniqueKeysWithValues: source.columns.map { ($0.lowercased(), $0) })
            guard Set(sourceColumns.keys) == Set(columns.map(\.name)) else {
                throw Failure.schemasDiffer("\(table): source columns \(source.columns.sorted()), target columns \(columns.map(\.name).sorted())")
            }
            try target.clear(table)
            let deferred = setAfterwards[table].flatMap { name in columns.firstIndex { $0.name == name } }
            let idIndex = columns.firstIndex { $0.name == "id" }
            var later: [(id: Int64, value: TableCell)] = []
            var tableRows = 0
            // A statement carries at most 65 535 parameters.
            let batch = max(1, min(500, 60_000 / max(columns.count, 1)))
            try snapshot.rows(of: source.name, columns: columns.map { sourceColumns[$0.name]! }, batch: batch) { rows in
                var rows = rows
                if let deferred, let idIndex {
                    for index in rows.indices where rows[index][deferred] != .null {
                        if case .integer(let id) = rows[index][idIndex] { later.append((id, rows[index][deferred])) }
                        rows[index][deferred] = .null
                    }
                }
                try target.insert(table, columns: columns, rows: rows)
                tableRows += rows.count
                copied += rows.count
                progress(Progress(table: table, tableRows: tableRows, tableTotal: tableTotal, copied: copied, total: total, elapsed: clock.now - started))
            }
            if tableTotal == 0 {
                progress(Progress(table: table, tableRows: 0, tableTotal: 0, copied: copied, total: total, elapsed: clock.now - started))
            }
            if let deferred, !later.isEmpty { afterwards.append((table, columns[deferred], later)) }
            counts.append((table, tableTotal))
        }
        for update in afterwards { try target.update(update.table, column: update.column, values: update.values) }
        let differences = try zip(order, totals).compactMap { table, count -> String? in
            let copiedCount = try target.count(table)
            return copiedCount == count ? nil : "\(table): \(count) in the source, \(copiedCount) copied"
        }
        guard differences.isEmpty else { throw Failure.countsDiffer(differences) }
        try target.commit()
        return counts
    }
}
