import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Database")
struct AppDatabaseTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
    }

    @Test("opening a new file applies every migration; a second open applies none")
    func migratesOnOpen() throws {
        let path = temporaryPath()
        #expect(try AppDatabase.pendingMigrations(atPath: path) == AppDatabase.migrationNames)
        let database = try AppDatabase.openFile(atPath: path)
        #expect(try AppDatabase.pendingMigrations(atPath: path).isEmpty)
        let created = try database.writer.read { try String.fetchOne($0, sql: "SELECT value FROM serverMetadata WHERE key = 'createdAt'") }
        #expect(created?.hasSuffix("Z") == true)
    }

    @Test("migration v24 makes an INN unique: customers already sharing one are listed with the command that fixes them, nothing changes until an admin says which is which (audited)")
    func uniqueINN() async throws {
        let now = RFC3339.parse("2026-03-02T11:00:00+03:00")!
        let path = temporaryPath()
        // Brings the file to the schema just before v24, then refuses: there is no customer 1 yet.
        #expect(throws: AccountStoreError.customerNotFound(1)) {
            try AppDatabase.repairINN(atPath: path, customerId: 1, inn: nil, at: now)
        }
        let pool = try DatabasePool(path: path)
        try await pool.write { db in
            for name in ["Ромашка", "Ромашка (дубль)", "Лютик"] {
                try db.execute(
                    sql: "INSERT INTO customer (name, inn, kpp, createdAt) VALUES (?, ?, NULL, ?)",
                    arguments: [name, name == "Лютик" ? nil : "7707083893", now])
            }
        }
        try pool.close()
        do {
            _ = try AppDatabase.openFile(atPath: path)
            Issue.record("customers sharing an INN were migrated over")
        } catch let shared as DuplicateINNs {
            #expect(shared.description.contains("INN 7707083893: customers 1, 2") && shared.description.contains("--set-inn"), "\(shared)")
        }
        #expect(try AppDatabase.pendingMigrations(atPath: path).first == "v24 one INN, one customer", "v24 was not half-applied")
        try AppDatabase.repairINN(atPath: path, customerId: 2, inn: nil, at: now)
        let database = try AppDatabase.openFile(atPath: path)
        let first = try await database.customer(id: 1), second = try await database.customer(id: 2)
        #expect(second?.inn == nil && first?.inn == "7707083893")
        #expect(try await database.auditEntries(subject: "customer:2").contains { $0.action == "customer.inn-changed" && $0.detail.contains("7707083893 → none") })
        // On a database past v24, the command still works, the unique index guarding it.
        try AppDatabase.repairINN(atPath: path, customerId: 3, inn: "500100732259", at: now)
        #expect(throws: DatabaseError.self) { try AppDatabase.repairINN(atPath: path, customerId: 3, inn: "7707083893", at: now) }
        await #expect(throws: AccountStoreError.innTaken(inn: "7707083893", customerId: 1, name: "Ромашка")) {
            _ = try await database.createCustomer(name: "Третий", inn: "7707083893", kpp: nil, at: now, audit: { AuditNote(action: "x", subject: "customer:\($0.id)", detail: "", actor: nil) })
        }
    }

    @Test("the server's file database is WAL with synchronous=FULL on the connection that commits, so acknowledged writes survive a crash or power loss")
    func durableSettings() throws {
        let database = try AppDatabase.openFile(atPath: temporaryPath())
        // The writing connection is the one whose commits must be synced: GRDB's WAL set-up sets it
        // to NORMAL after the configuration's own preparation ran, and a reader says nothing of it.
        let (journal, synchronous) = try database.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
    }

    @Test("a new database file, and its WAL, are readable by their owner only")
    func ownerOnly() throws {
        let path = temporaryPath()
        let database = try AppDatabase.openFile(atPath: path)
        try database.writer.write { try $0.execute(sql: "INSERT INTO serverMetadata (key, value) VALUES ('x', 'y')") }
        for file in [path, path + "-wal"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }

    @Test("no index is the leading columns of another on its table: a redundant index only slows every insert")
    func noRedundantIndex() throws {
        let database = try AppDatabase.openFile(atPath: temporaryPath())
        // (state) gives one state's letters in id order, which (state, nextAttemptAt) does not:
        // the outbox claims its next letters that way (v21).
        let keptOnPurpose: Set<String> = ["notification_state"]
        let redundant = try database.writer.read { db -> [String] in
            var found: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                // Partial indexes cover only some rows, so they cover nothing else and nothing covers them.
                let indexes = try Row.fetchAll(db, sql: "SELECT name, partial FROM pragma_index_list(?)", arguments: [table])
                    .filter { ($0["partial"] as Int) == 0 }
                    .map { row -> (name: String, columns: [String]) in
                        let name: String = row["name"]
                        return (name, try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name]))
                    }
                for index in indexes where !keptOnPurpose.contains(index.name) {
                    if let wider = indexes.first(where: { $0.columns.count > index.columns.count && Array($0.columns.prefix(index.columns.count)) == index.columns }) {
                        found.append("\(index.name) \(index.columns) is the start of \(wider.name) \(wider.columns)")
                    }
                }
            }
            return found.sorted()
        }
        #expect(redundant.isEmpty, "\(redundant)")
    }

    @Test("a path in a folder that does not exist fails to open, with SQLite's reason")
    func unopenablePath() {
        #expect(throws: DatabaseError.self) {
            try AppDatabase.openFile(atPath: "/nonexistent/folder/assist.sqlite")
        }
    }
}
