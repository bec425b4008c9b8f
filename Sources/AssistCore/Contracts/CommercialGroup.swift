/// A named group of a customer's people whose e-mail addresses get the customer's
/// commercial or VIP support.
public struct CommercialGroup: Sendable, Equatable, Codable {
    public let id: Int64
    public let customerId: Int64
    public let name: String
    /// Normalized addresses.
    public let members: [String]

    public init(id: Int64, customerId: Int64, name: String, members: [String]) {
        self.id = id
        self.customerId = customerId
        self.name = name
        self.members = members
    }
}
