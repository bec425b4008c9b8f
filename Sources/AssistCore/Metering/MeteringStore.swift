import Foundation

/// Persistence of metered sessions; starts and stops are money events in the audit log.
public protocol MeteringStore: Sendable {
    /// Starts timing, checked and priced in the transaction that records it: remote help needs a
    /// remote session the customer joined on the ticket (R-1.4, else `.remoteSessionRequired`);
    /// the rate and rounding rule are those in force now for the customer's tier and contract.
    /// Throws `.agentHasRunningSession` when the agent has one running, `.ticketNotFound` when
    /// no ticket has this TID (looked up in the same transaction: one trip for the whole start).
    func startMetering(
        tid: String, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel,
        billing: BillingPolicy, at instant: Date
    ) async throws -> MeteredSession
    /// Stops timing and prices it once; longer than `maximumSeconds` is flagged for review. Only
    /// the agent who started it, or an admin (`byAdmin`), may stop it: others get `.notFound`.
    func stopMetering(id: Int64, by userId: Int64, byAdmin: Bool, maximumSeconds: Int, at instant: Date) async throws -> MeteredSession
    /// Corrects a stopped, not yet invoiced session: new raw duration and/or kind, repriced once by
    /// the session's rule — a changed kind at its rate under `billing` for the tier in force when the
    /// session started; clears a review flag; recorded with its reason.
    func correctMetered(
        id: Int64, rawSeconds: Int?, kind: MeteredKind?, billing: BillingPolicy, reason: String, by userId: Int64, at instant: Date
    ) async throws -> MeteredSession
    func meteredSession(id: Int64) async throws -> MeteredSession?
    /// The agent's session that is running now, if any.
    func runningMeteredSession(agentUserId: Int64) async throws -> MeteredSession?
    func meteredSessions(agentUserId: Int64?, ticketId: Int64?) async throws -> [MeteredSession]
}
