import Foundation

/// Persistence of metered sessions; starts and stops are money events in the audit log.
public protocol MeteringStore: Sendable {
    /// Starts timing as `decide` says (`HelpStartRule`), on the terms read in the transaction that
    /// records it: the ticket, the customer's contracts, whether a remote session was joined, the
    /// phone install. Spends the phone install when told (`EntitlementError.phoneInstallUsed` if
    /// another start spent it first). Throws `.agentHasRunningSession` when the agent has one
    /// running, `.ticketNotFound` when no ticket has this TID, and whatever `decide` throws.
    func startMetering(
        tid: String, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel, at instant: Date,
        decide: @escaping @Sendable (HelpStartTerms) throws -> HelpStart
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
