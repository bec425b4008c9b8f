/// Metered hours of one group (a customer, an agent, a kind or a ticket) over a period.
public struct HoursTotal: Sendable, Equatable, Codable {
    /// The group's identifier: customer id, agent user id, kind or TID.
    public let key: String
    /// What people call it: the customer's or agent's name, the kind, the TID.
    public let label: String
    public let sessions: Int
    public let rawSeconds: Int64
    public let billedSeconds: Int64
    public let amountKopecks: Int64
    /// Moscow dates of the group's first and last session in the period.
    public let firstDate: LocalDate
    public let lastDate: LocalDate

    public init(
        key: String, label: String, sessions: Int, rawSeconds: Int64, billedSeconds: Int64, amountKopecks: Int64,
        firstDate: LocalDate, lastDate: LocalDate
    ) {
        self.key = key
        self.label = label
        self.sessions = sessions
        self.rawSeconds = rawSeconds
        self.billedSeconds = billedSeconds
        self.amountKopecks = amountKopecks
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}
