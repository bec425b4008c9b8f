/// What fixes a new ticket's SLA level: the customer's contracts and whether the
/// sender's address is registered with the customer. Read together, in one trip to the store,
/// because every accepted ticket needs both.
public struct FilingTerms: Sendable, Equatable {
    public var contracts: [Contract]
    /// The address is on the customer's licence or in one of its commercial groups.
    public var senderIsRegistered: Bool
    /// Tickets the sender opened by letter since the Moscow day began, counted in the same
    /// transaction (`LetterCap`); 0 when the filing is not a letter's.
    public var ticketsOpenedByLettersToday: Int

    public init(contracts: [Contract], senderIsRegistered: Bool, ticketsOpenedByLettersToday: Int = 0) {
        self.contracts = contracts
        self.senderIsRegistered = senderIsRegistered
        self.ticketsOpenedByLettersToday = ticketsOpenedByLettersToday
    }
}
