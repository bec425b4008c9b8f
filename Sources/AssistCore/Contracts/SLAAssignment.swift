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
}
