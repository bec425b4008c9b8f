import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Records read from rows by column name")
struct RecordRowTests {
    /// Stores the record GRDB's way (through `Encodable`), reads it back through the record's own
    /// `init(row:)`, and returns what was read, its id set.
    private static func roundTrip<Record: StoredRecord & Equatable>(_ record: Record, _ db: Database) throws -> (stored: Record, read: Record?) {
        var stored = record
        try stored.insert(db)
        let read = try Record.fetchOne(db, sql: "SELECT * FROM \(Record.databaseTableName) WHERE rowid = ?", arguments: [db.lastInsertedRowID])
        return (stored, read)
    }

    @Test("tickets, messages, events, notifications and contracts read back exactly what was stored: every column in its place, NULLs as nil")
    func readBackWhatWasStored() async throws {
        let store = try AppDatabase.inMemory()
        let fixture = try await StoreFixture.make(store)
        let samples = RecordSamples(fixture)
        try await store.writer.write { db in
            func readBack<Record: StoredRecord & Equatable>(_ records: [Record]) throws {
                for record in records {
                    let trip = try Self.roundTrip(record, db)
                    #expect(trip.read == trip.stored, "\(Record.self)")
                }
            }
            try readBack(samples.tickets)
            try readBack(samples.messages)
            try readBack(samples.events)
            try readBack(samples.notifications)
            try readBack(samples.contracts)
        }
    }
}
