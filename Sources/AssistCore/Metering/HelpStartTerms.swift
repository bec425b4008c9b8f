/// What starting billed help on a ticket depends on, read in the transaction that starts it.
public struct HelpStartTerms: Sendable, Equatable {
    public let ticketId: Int64
    public let customerId: Int64
    public let contracts: [Contract]
    /// a remote-access session the customer joined exists on the ticket.
    public let remoteSessionJoined: Bool
    /// the customer's one-time phone install.
    public let phoneInstall: PhoneInstallEntitlement

    public init(ticketId: Int64, customerId: Int64, contracts: [Contract], remoteSessionJoined: Bool, phoneInstall: PhoneInstallEntitlement) {
        self.ticketId = ticketId
        self.customerId = customerId
        self.contracts = contracts
        self.remoteSessionJoined = remoteSessionJoined
        self.phoneInstall = phoneInstall
    }
}
