import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: HoursStore {
    public func hourTotals(
        from: LocalDate, to: LocalDate, by grouping: HoursGrouping, afterKey: String?, limit: Int
    ) async throws -> [HoursTotal] {
        let start = MoscowTime.instant(on: from, secondsIntoDay: 0), end = MoscowTime.instant(on: to.adding(days: 1), secondsIntoDay: 0)
        // Keyset paging on the group key keeps each page's work (and the export's memory) bounded.
        let (key, label, join, typedAfter): (String, String, String, String) = switch grouping {
        case .customer: ("m.customerId", "c.name", "JOIN customer c ON c.id = m.customerId", "$3::bigint")
        case .agent: ("m.agentUserId", "u.displayName", "JOIN userAccount u ON u.id = m.agentUserId", "$3::bigint")
        case .kind: ("m.kind", "m.kind", "", "$3")
        case .ticket: ("m.ticketId", "t.tid", "JOIN ticket t ON t.id = m.ticketId", "$3::bigint")
        }
        var parameters: [PostgresParameter] = [PostgresParameter(start), PostgresParameter(end)]
        var after = ""
        if let afterKey {
            // Ticket keys are shown as TIDs; paging continues from the ticket's id.
            after = grouping == .ticket ? "AND m.ticketId > (SELECT id FROM ticket WHERE tid = $3)" : "AND \(key) > \(typedAfter)"
            parameters.append(.text(afterKey))
        }
        parameters.append(PostgresParameter(limit))
        let sql = """
            SELECT (\(grouping == .ticket ? "min(t.tid)" : key))::text AS groupKey, min(\(label)) AS label, count(*) AS sessions,
                sum(m.rawSeconds) AS raw, sum(m.billedSeconds) AS billed, sum(m.amountKopecks) AS amount,
                \(PostgresRules.moscowDate("min(m.startedAt)")) AS firstDate, \(PostgresRules.moscowDate("max(m.startedAt)")) AS lastDate
            FROM meteredSession m \(join)
            WHERE m.startedAt >= $1::timestamptz AND m.startedAt < $2::timestamptz AND \(PostgresRules.billableSession) \(after)
            GROUP BY \(key) ORDER BY \(key) LIMIT $\(parameters.count)::integer
            """
        let bound = parameters
        return try await pool.withConnection { connection in
            let rows = try connection.query(sql, bound)
            let table = "meteredSession"
            return try rows.rows.indices.map { index in
                HoursTotal(
                    key: try rows.required(index, "groupKey", table: table), label: try rows.required(index, "label", table: table),
                    sessions: Int(try rows.requiredInt(index, "sessions", table: table)), rawSeconds: try rows.requiredInt(index, "raw", table: table),
                    billedSeconds: try rows.requiredInt(index, "billed", table: table), amountKopecks: try rows.requiredInt(index, "amount", table: table),
                    firstDate: try rows.date(index, "firstDate", table: table) ?? { throw CorruptRow(table: table, column: "startedAt", value: "NULL") }(),
                    lastDate: try rows.date(index, "lastDate", table: table) ?? { throw CorruptRow(table: table, column: "startedAt", value: "NULL") }())
            }
        }
    }
}
