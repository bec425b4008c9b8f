/// Which SLA level a new ticket gets.
public enum SLAAssignment {
    /// The level for a ticket of `problemClass` from a customer whose tier in force is `tier`.
    ///
    /// a commercial or VIP tier applies only when the sender's address is on the
    /// customer's licence or in one of its commercial groups (`senderIsRegistered`); anyone
    /// else writing for that customer gets free support.
    public static func level(tier: ContractTier, problemClass: ProblemClass, senderIsRegistered: Bool) -> SLALevel {
        let effective = tier.needsRegisteredSender && !senderIsRegistered ? .free : tier
        switch (effective, problemClass) {
        case (.vip, _): return .vip
        case (.commercial, .operational): return .commercialOperational
        case (.commercial, .standard): return .commercialStandard
        case (.noncommercial, _): return .noncommercial
        case (.free, .operational): return .freeOperational
        case (.free, .standard): return .freeStandard
        }
    }

    /// with the December 2026 audit's decision on forged mail: the level of a ticket a
    /// letter opens counts the sender as registered only when the receiving server vouched for
    /// the address (`trust`, from `SenderTrust`; nil for a signed-in sender or staff filing for one,
    /// whose address is known). When the address is registered but not vouched for, the ticket is
    /// filed at the level an unregistered sender gets, with a note telling the agent why.
    public static func assign(
        tier: ContractTier, problemClass: ProblemClass, senderIsRegistered: Bool, trust: SenderTrust.Verdict?
    ) -> (level: SLALevel, note: TicketRecordNote?) {
        let vouched = trust?.verified ?? true
        let level = Self.level(tier: tier, problemClass: problemClass, senderIsRegistered: senderIsRegistered && vouched)
        guard senderIsRegistered, !vouched, let trust, tier.needsRegisteredSender else { return (level, nil) }
        let claimed = Self.level(tier: tier, problemClass: problemClass, senderIsRegistered: true)
        return (level, TicketRecordNote(
            .senderUnverified,
            "Filed at \(level.rawValue), not \(claimed.rawValue): the sender's address is registered with the customer, but \(trust.reason) (R-4.7). "
                + "If the customer confirms the letter is theirs, file it anew for them from the console or the API."))
    }
}
