/// Reads hour totals page by page, so an export of any length streams in flat memory.
public protocol HoursStore: Sendable {
    /// Totals of stopped, reviewed metered sessions started on Moscow dates `from` … `to`, ordered
    /// by group key, only groups after `afterKey`, at most `limit` of them.
    func hourTotals(from: LocalDate, to: LocalDate, by grouping: HoursGrouping, afterKey: String?, limit: Int) async throws -> [HoursTotal]
}
