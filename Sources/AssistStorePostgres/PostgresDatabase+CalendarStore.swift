import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: CalendarStore {
    /// The latest revision. Another node may save one at any moment, so the number is read each
    /// time (one indexed row); the document is parsed again only when the number moved.
    public func currentCalendar() async throws -> ProductionCalendar {
        let known = calendarInForce.value
        let latest = try await pool.withConnection { connection -> (revision: Int, document: String?)? in
            let revision = try connection.query("SELECT max(revision) AS revision FROM calendarRevision").int(0, "revision")
            guard let revision else { return nil }
            guard Int(revision) != known?.revision else { return (Int(revision), nil) }
            let document = try connection.query("SELECT document FROM calendarRevision WHERE revision = $1::integer", [PostgresParameter(revision)])
            return (Int(revision), document.text(0, "document"))
        }
        guard let latest else { return .builtIn }
        if latest.document == nil, let known, known.revision == latest.revision { return known }
        let calendar = try ProductionCalendar(revision: latest.revision, json: Data((latest.document ?? "").utf8))
        calendarInForce.keep(calendar)
        return calendar
    }

    public func saveCalendar(
        _ document: ProductionCalendar.Document, basedOn basis: Int, note: String, by userId: Int64, at instant: Date,
        audit: @escaping @Sendable (Int) -> AuditNote
    ) async throws -> ProductionCalendar {
        let json = try document.storedJSON()
        do {
            try await pool.transaction(.readCommitted) { connection in
                let last = try connection.query("SELECT coalesce(max(revision), 1) AS last FROM calendarRevision").int(0, "last") ?? 1
                guard last == basis else { throw CalendarStoreError.changedMeanwhile }
                // Two nodes saving on the same basis both try basis + 1: the key lets one through.
                try connection.query(
                    "INSERT INTO calendarRevision (revision, document, note, createdByUserId, createdAt) VALUES ($1::integer, $2, $3, $4::bigint, $5::timestamptz)",
                    [PostgresParameter(basis + 1), .text(json), .text(note), PostgresParameter(userId), PostgresParameter(instant)])
                try Self.append(connection, audit(basis + 1), at: instant)
            }
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            throw CalendarStoreError.changedMeanwhile
        }
        return try ProductionCalendar(revision: basis + 1, document: document)
    }

    public func calendarRevisions() async throws -> [CalendarRevisionInfo] {
        let rows = try await pool.withConnection { connection in
            try connection.query("SELECT revision, document, note, createdByUserId, createdAt FROM calendarRevision ORDER BY revision")
        }
        let builtIn = CalendarRevisionInfo(
            revision: 1, years: ProductionCalendar.builtIn.years.keys.sorted(), note: "Shipped with the product (2024–2027 decrees)",
            createdByUserId: nil, createdAt: nil)
        return try [builtIn] + rows.rows.indices.map { index in
            let revision = Int(rows.int(index, "revision") ?? 0)
            let calendar = try ProductionCalendar(revision: revision, json: Data((rows.text(index, "document") ?? "").utf8))
            return CalendarRevisionInfo(
                revision: revision, years: calendar.years.keys.sorted(), note: rows.text(index, "note") ?? "",
                createdByUserId: rows.int(index, "createdByUserId"), createdAt: rows.instant(index, "createdAt"))
        }
    }
}
