import Foundation

/// with the revised decision: how billed install/update help
/// starts, and what it costs.
///
/// - Over remote access: only once the customer joined a remote session on the ticket;
///   priced at the kind's rate in force, for a tier that pays.
/// - Over the phone: install help only — update help goes over remote access.
///   Every customer's **first** phone install is the free one and spends the entitlement,
///   whatever the tier. Later install help over the phone exists only for a customer whose
///   commercial or VIP contract in force includes phone contact, billed at the install
///   rate like remote help (no remote session needed). Anyone else is refused.
/// - A correction never turns phone help into a kind a start would refuse.
public enum HelpStartRule {
    public enum Refusal: Error, Sendable, Equatable {
        /// remote help needs a remote session the customer joined on the ticket.
        case remoteSessionRequired
        /// over the phone, install help only.
        case phoneIsForInstalls(MeteredKind)
        /// the one-time phone install is spent and the contract has no phone contact.
        case phoneInstallUsed(usedOnTicket: String?)
    }

    public static func start(
        kind: MeteredKind, channel: MeteringChannel, terms: HelpStartTerms, billing: BillingPolicy, at instant: Date
    ) throws(Refusal) -> HelpStart {
        let (tier, contract) = Contract.tierInForce(terms.contracts, at: instant)
        let rule = contract?.rounding ?? .startedMinute
        let paid = billing.rate(of: kind, tier: tier, on: MoscowTime.date(of: instant))
        switch channel {
        case .remote:
            guard terms.remoteSessionJoined else { throw .remoteSessionRequired }
            return HelpStart(
                rateKopecksPerHour: paid, rule: rule, tier: tier, spendsPhoneInstall: false,
                detail: "\(kind.rawValue) over remote access at \(paid) kopecks/hour (\(tier.rawValue) tier)")
        case .phoneInstall:
            guard kind == .install else { throw .phoneIsForInstalls(kind) }
            if terms.phoneInstall.available {
                return HelpStart(
                    rateKopecksPerHour: 0, rule: rule, tier: tier, spendsPhoneInstall: true,
                    detail: "install over the phone: the customer's one-time phone install, free, spent now (R-1.5; \(tier.rawValue) tier)")
            }
            guard tier.includesPhone else { throw .phoneInstallUsed(usedOnTicket: terms.phoneInstall.usedOnTicket) }
            return HelpStart(
                rateKopecksPerHour: paid, rule: rule, tier: tier, spendsPhoneInstall: false,
                detail: "install over the phone, billed at \(paid) kopecks/hour: the one-time phone install was used, phone contact is part of the \(tier.rawValue) contract (R-1.5, R-2.6)")
        }
    }

    /// A correction of `session`'s kind to `kind`: phone help stays install help.
    public static func correct(_ session: MeteredSession, to kind: MeteredKind) throws(Refusal) {
        if session.channel == .phoneInstall, kind != .install { throw .phoneIsForInstalls(kind) }
    }

    /// Recording a phone install on a ticket without timing it: only the free one-time install
    /// is recorded so (it spends the entitlement, whatever the tier); later phone help is timed
    /// and billed (`start`) or refused.
    public static func recordFree(_ entitlement: PhoneInstallEntitlement) throws(Refusal) {
        guard entitlement.available else { throw .phoneInstallUsed(usedOnTicket: entitlement.usedOnTicket) }
    }
}
