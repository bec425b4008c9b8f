/// What fixes a new ticket's SLA level: the customer's contracts and whether the
/// sender's address is registered with the customer. Read together, in one trip to the store,
/// because every accepted ticket needs both.
public struct FilingTerms: Sendable, Equatable {
    public var contracts: [Contract]
    /// The address is on the customer's licence or in one of its commercial groups.
    public var senderIsRegistered: Bool

    public init(contracts: [Contract], senderIsRegistered: Bool) {
        self.contracts = contracts
        self.senderIsRegistered = senderIsRegistered
    }
}
