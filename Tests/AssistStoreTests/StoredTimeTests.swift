import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Instants written into the database")
struct StoredTimeTests {
    @Test("StoredTime writes the very text GRDB writes for a Date (UTC, to the nearest millisecond), so old and new rows compare and sort alike")
    func sameTextAsGRDB() throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [
            0, -0.001, -1, 946_684_799.999, 946_684_800, 1_795_555_815, 1_795_555_815.0004, 1_795_555_815.9996,
            1_795_555_815.999_999_9, 4_102_444_799.999, 4_107_542_400.5, 951_782_400, 1_709_164_800.123,
        ]
        // Years 2000 to 2100 with sub-millisecond fractions: the product's range of dates.
        let random = (0..<20_000).map { _ in TimeInterval.random(in: 946_684_800...4_133_980_799, using: &generator) }
        for seconds in edges + random {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect(StoredTime.text(instant) == String.fromDatabaseValue(instant.databaseValue), "\(seconds)")
        }
    }

    @Test("a record's dates are stored as UTC text to the millisecond and read back so")
    func recordRoundTrip() async throws {
        let store = try AppDatabase.inMemory()
        let instant = Date(timeIntervalSince1970: 1_795_555_815.678_9)
        let stored = try await store.writer.write { db in
            try db.execute(sql: "CREATE TABLE probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL)")
            var probe = ProbeRecord(id: nil, at: instant)
            try probe.insert(db)
            return try String.fetchOne(db, sql: "SELECT at FROM probe")
        }
        #expect(stored == "2026-11-24 21:30:15.679", "UTC, to the nearest millisecond")
        let read = try await store.writer.read { try ProbeRecord.fetchOne($0) }
        let seconds = try #require(read?.at.timeIntervalSince1970)
        #expect(abs(seconds - 1_795_555_815.679) < 0.000_01)
    }
}

private struct ProbeRecord: StoredRecord {
    static let databaseTableName = "probe"
    var id: Int64?
    var at: Date
}
