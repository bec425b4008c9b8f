import Foundation

/// When a deferred message is tried again: after 1 minute, after 5, then every hour until two
/// days have passed since it was written; then it has failed for good.
public struct RetrySchedule: Sendable, Equatable {
    /// Waits after the 1st, 2nd, … failed attempt; the last one repeats.
    public var delays: [TimeInterval] = [60, 300, 3600]
    /// How long a message may keep failing before it is given up.
    public var giveUpAfter: TimeInterval = 2 * 24 * 3600

    public init() {}

    public init(delays: [TimeInterval], giveUpAfter: TimeInterval) {
        self.delays = delays
        self.giveUpAfter = giveUpAfter
    }

    /// When to try again after `attempts` failed attempts of a message written at `createdAt`;
    /// nil: give up.
    public func nextAttempt(after attempts: Int, createdAt: Date, now: Date) -> Date? {
        let delay = delays[min(max(attempts, 1), delays.count) - 1]
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(createdAt) > giveUpAfter ? nil : next
    }
}
