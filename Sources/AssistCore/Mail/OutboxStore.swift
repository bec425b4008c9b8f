import Foundation

/// The outbox as the delivery service works it: claim, then record what the relay said.
///
/// A claim marks notifications `sending` in one transaction before any is sent, so two
/// delivery services never send the same one. A claim older than `staleAfter` (the process died
/// mid-send) is claimed again: delivery is at least once, never lost.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` notifications that are due (queued, deferred and due, or stale in
    /// `sending`), giving each its stable Message-ID on the first claim.
    func claimDueNotifications(limit: Int, messageIdDomain: String, staleAfter: TimeInterval, at instant: Date) async throws -> [OutboxNotification]
    /// The relay accepted it.
    func markSent(notificationId: Int64, reply: String, at instant: Date) async throws
    /// Try again at `nextAttempt`.
    func markDeferred(notificationId: Int64, reply: String, nextAttempt: Date, at instant: Date) async throws
    /// Refused for good: the recipient address is flagged and staff are told.
    func markFailed(notificationId: Int64, reply: String, at instant: Date) async throws
    /// An admin puts a failed notification back in the queue.
    func retryNotification(id: Int64, by userId: Int64, at instant: Date) async throws -> OutboxNotification?
    /// Addresses flagged because mail to them failed for good.
    func flaggedAddresses() async throws -> [FlaggedAddress]
    /// A delivery report (RFC 3464) says our letter `messageId` failed for one of `recipients`
    /// (lower-cased): it is marked failed and its address flagged, as for a 5xx. False when no
    /// letter of ours has that Message-ID and one of those recipients.
    func markBounced(messageId: String, recipients: [String], reason: String, at instant: Date) async throws -> Bool
    /// Queues `letter` unless one of its kind was queued to its recipient at or after `since`
    /// (`AnswerLimit`), checked in the transaction that queues it. True when queued.
    func queue(_ letter: OutgoingLetter, unlessQueuedSince since: Date, at instant: Date) async throws -> Bool
}
