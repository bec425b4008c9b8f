/// What a user may do. A customer user belongs to exactly one customer.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Accounts, customers, contracts, calendar, rates.
    case admin
    /// Works the queue, opens remote sessions, starts and stops billed time.
    case agent
    /// Reads money: invoices and hour exports; cannot act on tickets.
    case accounting
    /// Opens tickets and reads its own customer's data only.
    case customer
}
