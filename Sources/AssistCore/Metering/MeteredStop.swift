import Foundation

/// what stopping or correcting a metered session decides, whichever engine stores it.
extension MeteredSession {
    /// This running session stopped at `instant`: whole seconds since it started, billed by its
    /// rounding rule at the rate it started with; longer than `maximumSeconds`, it is held for
    /// review instead of billed silently.
    public func stopping(at instant: Date, maximumSeconds: Int) -> MeteredSession {
        let raw = max(0, Int(instant.timeIntervalSince(startedAt).rounded(.down)))
        let quote = MeteredQuote(rawSeconds: raw, rateKopecksPerHour: rateKopecksPerHour, rule: rule)
        return stopped(
            at: instant, rawSeconds: raw, billedSeconds: quote.billedSeconds, amountKopecks: quote.amountKopecks,
            flaggedForReview: raw > maximumSeconds)
    }

    /// This stopped session corrected to `rawSeconds` and `kind` (nil: unchanged). The same kind
    /// keeps the rate it was started at; another kind is priced as if started so — by `billing`,
    /// for the tier the customer's `contracts` put in force when it started. A correction is a
    /// person's review: the session is no longer held for one.
    public func correcting(rawSeconds: Int?, kind: MeteredKind?, billing: BillingPolicy, contracts: [Contract]) -> MeteredSession {
        let raw = rawSeconds ?? self.rawSeconds ?? 0, newKind = kind ?? self.kind
        let rate = newKind == self.kind
            ? rateKopecksPerHour
            : billing.rate(of: newKind, tier: Contract.tierInForce(contracts, at: startedAt).tier, on: MoscowTime.date(of: startedAt))
        let quote = MeteredQuote(rawSeconds: raw, rateKopecksPerHour: rate, rule: rule)
        return MeteredSession(
            id: id, ticketId: ticketId, tid: tid, customerId: customerId, agentUserId: agentUserId, kind: newKind, channel: channel,
            rateKopecksPerHour: rate, rule: rule, startedAt: startedAt, stoppedAt: stoppedAt, rawSeconds: raw,
            billedSeconds: quote.billedSeconds, amountKopecks: quote.amountKopecks, flaggedForReview: false, invoiceNumber: invoiceNumber)
    }
}
