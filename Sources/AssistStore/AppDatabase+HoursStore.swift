import AssistCore
import Foundation
import GRDB

extension AppDatabase: HoursStore {
    public func hourTotals(
        from: LocalDate, to: LocalDate, by grouping: HoursGrouping, afterKey: String?, limit: Int
    ) async throws -> [HoursTotal] {
        let start = MoscowTime.instant(on: from, secondsIntoDay: 0), end = MoscowTime.instant(on: to.adding(days: 1), secondsIntoDay: 0)
        // Keyset paging on the group key keeps each page's work (and the export's memory) bounded.
        let (key, label, join, typedAfter): (String, String, String, String) = switch grouping {
        case .customer: ("m.customerId", "c.name", "JOIN customer c ON c.id = m.customerId", "CAST(? AS INTEGER)")
        case .agent: ("m.agentUserId", "u.displayName", "JOIN userAccount u ON u.id = m.agentUserId", "CAST(? AS INTEGER)")
        case .kind: ("m.kind", "m.kind", "", "?")
        case .ticket: ("m.ticketId", "t.tid", "JOIN ticket t ON t.id = m.ticketId", "CAST(? AS INTEGER)")
        }
        var arguments: StatementArguments = [start, end]
        var after = ""
        if let afterKey {
            // Ticket keys are shown as TIDs; paging continues from the ticket's id.
            after = grouping == .ticket ? "AND m.ticketId > (SELECT id FROM ticket WHERE tid = ?)" : "AND \(key) > \(typedAfter)"
            arguments += [afterKey]
        }
        arguments += [limit]
        let sql = """
            SELECT CAST(\(grouping == .ticket ? "t.tid" : key) AS TEXT) AS groupKey, \(label) AS label, COUNT(*) AS sessions,
                SUM(m.rawSeconds) AS raw, SUM(m.billedSeconds) AS billed, SUM(m.amountKopecks) AS amount,
                date(MIN(m.startedAt), \(SQLRules.moscowModifier)) AS firstDate, date(MAX(m.startedAt), \(SQLRules.moscowModifier)) AS lastDate
            FROM meteredSession m \(join)
            WHERE m.startedAt >= ? AND m.startedAt < ? AND \(SQLRules.billableSession) \(after)
            GROUP BY \(key) ORDER BY \(key) LIMIT ?
            """
        let query = arguments
        return try await writer.read { db in
            try Row.decodeAll(db.makeStatement(sql: sql), arguments: query) { row in
                HoursTotal(
                    key: row["groupKey"], label: row["label"], sessions: row["sessions"],
                    rawSeconds: row["raw"], billedSeconds: row["billed"], amountKopecks: row["amount"],
                    firstDate: try StoredValue.date(row["firstDate"] as String, table: "meteredSession", column: "startedAt"),
                    lastDate: try StoredValue.date(row["lastDate"] as String, table: "meteredSession", column: "startedAt"))
            }
        }
    }
}
