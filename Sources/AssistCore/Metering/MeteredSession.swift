import Foundation

/// A stretch of billed install/update help an agent timed on a ticket.
///
/// Durations come from the server's clock. The rate and rounding rule are fixed when the
/// session starts; the amount is computed once, at stop, by `MeteredQuote`.
public struct MeteredSession: Sendable, Equatable, Codable {
    public let id: Int64
    public let ticketId: Int64
    public let tid: String
    public let customerId: Int64
    public let agentUserId: Int64
    public let kind: MeteredKind
    public let channel: MeteringChannel
    public let rateKopecksPerHour: Int64
    public let rule: RoundingRule
    public let startedAt: Date
    public let stoppedAt: Date?
    public let rawSeconds: Int?
    public let billedSeconds: Int?
    public let amountKopecks: Int64?
    /// Ran longer than the configured maximum: held for review, not billed silently.
    public let flaggedForReview: Bool
    /// The invoice the session is billed on; until then it can be corrected.
    public let invoiceNumber: String?

    public init(
        id: Int64, ticketId: Int64, tid: String, customerId: Int64, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel,
        rateKopecksPerHour: Int64, rule: RoundingRule, startedAt: Date, stoppedAt: Date?, rawSeconds: Int?, billedSeconds: Int?,
        amountKopecks: Int64?, flaggedForReview: Bool, invoiceNumber: String? = nil
    ) {
        self.id = id
        self.ticketId = ticketId
        self.tid = tid
        self.customerId = customerId
        self.agentUserId = agentUserId
        self.kind = kind
        self.channel = channel
        self.rateKopecksPerHour = rateKopecksPerHour
        self.rule = rule
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.rawSeconds = rawSeconds
        self.billedSeconds = billedSeconds
        self.amountKopecks = amountKopecks
        self.flaggedForReview = flaggedForReview
        self.invoiceNumber = invoiceNumber
    }
}

extension MeteredSession {
    /// This running session as stopped with these figures; the rest is as it started.
    public func stopped(at instant: Date, rawSeconds: Int, billedSeconds: Int, amountKopecks: Int64, flaggedForReview: Bool) -> MeteredSession {
        MeteredSession(
            id: id, ticketId: ticketId, tid: tid, customerId: customerId, agentUserId: agentUserId, kind: kind, channel: channel,
            rateKopecksPerHour: rateKopecksPerHour, rule: rule, startedAt: startedAt, stoppedAt: instant, rawSeconds: rawSeconds,
            billedSeconds: billedSeconds, amountKopecks: amountKopecks, flaggedForReview: flaggedForReview, invoiceNumber: invoiceNumber)
    }
}
