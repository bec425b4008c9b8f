import AssistCore
import Foundation
import GRDB

extension AppDatabase: CalendarStore {
    public func currentCalendar() async throws -> ProductionCalendar {
        // Every accepted ticket needs it: remembered, parsed, until a revision is saved (`calendarInForce`).
        if let known = calendarInForce.value(for: Self.calendarInForceKey) { return known }
        let generation = calendarInForce.generation
        // Sendable values out of the read, so GRDB's asynchronous read is the one used.
        let latest = try await writer.read { db -> (revision: Int, document: String)? in
            try Row.fetchOne(db, sql: "SELECT revision, document FROM calendarRevision ORDER BY revision DESC LIMIT 1")
                .map { ($0["revision"], $0["document"]) }
        }
        let calendar = try latest.map { try ProductionCalendar(revision: $0.revision, json: Data($0.document.utf8)) } ?? .builtIn
        calendarInForce.keep(calendar, for: Self.calendarInForceKey, readInGeneration: generation)
        return calendar
    }

    /// There is one calendar in force: its one key in `calendarInForce`.
    static let calendarInForceKey = "in-force"

    public func saveCalendar(
        _ document: ProductionCalendar.Document, basedOn basis: Int, note: String, by userId: Int64, at instant: Date,
        audit: @escaping @Sendable (Int) -> AuditNote
    ) async throws -> ProductionCalendar {
        let json = try document.storedJSON()
        let revision = try await write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(revision) FROM calendarRevision") ?? 1
            guard last == basis else { throw CalendarStoreError.changedMeanwhile }
            try db.execute(
                sql: "INSERT INTO calendarRevision (revision, document, note, createdByUserId, createdAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [last + 1, json, note, userId, instant])
            try AuditRecorder.append(db, audit(last + 1), at: instant)
            return last + 1
        }
        return try ProductionCalendar(revision: revision, document: document)
    }

    public func calendarRevisions() async throws -> [CalendarRevisionInfo] {
        let stored = try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT revision, document, note, createdByUserId, createdAt FROM calendarRevision ORDER BY revision")
                .map { StoredRevision(revision: $0["revision"], document: $0["document"], note: $0["note"], createdByUserId: $0["createdByUserId"], createdAt: $0["createdAt"]) }
        }
        let builtIn = CalendarRevisionInfo(
            revision: 1, years: ProductionCalendar.builtIn.years.keys.sorted(), note: "Shipped with the product (2024–2027 decrees)",
            createdByUserId: nil, createdAt: nil)
        return try [builtIn] + stored.map { row in
            let calendar = try ProductionCalendar(revision: row.revision, json: Data(row.document.utf8))
            return CalendarRevisionInfo(
                revision: row.revision, years: calendar.years.keys.sorted(), note: row.note,
                createdByUserId: row.createdByUserId, createdAt: row.createdAt)
        }
    }
}

/// A stored calendar revision as read, before decoding.
private struct StoredRevision: Sendable {
    let revision: Int
    let document: String
    let note: String
    let createdByUserId: Int64?
    let createdAt: Date
}
