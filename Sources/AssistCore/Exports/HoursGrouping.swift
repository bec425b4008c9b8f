/// What an hours export totals by.
public enum HoursGrouping: String, Sendable, Codable, CaseIterable {
    case customer
    case agent
    case kind
    case ticket
}
