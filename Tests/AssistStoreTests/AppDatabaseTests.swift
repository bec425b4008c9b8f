import AssistStore
import Foundation
import GRDB
import Testing

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

    @Test("a path in a folder that does not exist fails to open, with SQLite's reason")
    func unopenablePath() {
        #expect(throws: DatabaseError.self) {
            try AppDatabase.openFile(atPath: "/nonexistent/folder/assist.sqlite")
        }
    }
}
