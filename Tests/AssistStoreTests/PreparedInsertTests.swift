import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Rows inserted through prepared statements")
struct PreparedInsertTests {
    /// Inserts the record GRDB's way and the prepared way, one after the other (each row removed
    /// after it is read, so unique columns do not collide), and returns both rows without their ids.
    private static func bothRows<Record: PreparedInsert>(_ record: Record, _ db: Database) throws -> (grdb: [String: DatabaseValue], prepared: [String: DatabaseValue]) {
        func row(_ id: Int64?) throws -> [String: DatabaseValue] {
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE id = ?", arguments: [id]))
            var columns: [String: DatabaseValue] = [:]
            for (column, value) in row where column != "id" { columns[column] = value }
            return columns
        }
        // Every stored property but the id is a column the prepared statement binds (GRDB refuses
        // arguments that do not match the placeholders).
        let properties = Mirror(reflecting: record).children.count - 1
        #expect(Record.insertSQL.filter { $0 == "?" }.count == properties, "\(Record.self): a placeholder per property")
        var byGRDB = record
        try byGRDB.insert(db)
        let grdb = try row(byGRDB.id)
        try db.execute(sql: "DELETE FROM \(Record.databaseTableName) WHERE id = ?", arguments: [byGRDB.id])
        var prepared = record
        try prepared.insertPrepared(db)
        #expect(prepared.id != nil && prepared.id != byGRDB.id, "the prepared insert sets the new row's id")
        let preparedRow = try row(prepared.id)
        try db.execute(sql: "DELETE FROM \(Record.databaseTableName) WHERE id = ?", arguments: [prepared.id])
        return (grdb, preparedRow)
    }

    @Test("every prepared insert writes the very row GRDB's insert writes: each column, dates as StoredTime text, booleans as 0/1, NULLs")
    func sameRowsAsGRDB() async throws {
        let store = try AppDatabase.inMemory()
        let fixture = try await StoreFixture.make(store)
        let samples = RecordSamples(fixture)
        try await store.writer.write { db in
            func check<Record: PreparedInsert>(_ records: [Record]) throws {
                for record in records {
                    let rows = try Self.bothRows(record, db)
                    #expect(rows.prepared == rows.grdb, "\(Record.self)")
                }
            }
            try check(samples.tickets)
            try check(samples.messages)
            try check(samples.events)
            try check(samples.notifications)
        }
    }
}
