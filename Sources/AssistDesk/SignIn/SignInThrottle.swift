import AssistCore
import Foundation

/// Slows down password guessing, counting per e-mail first: after `freeFailures` failed
/// sign-ins for one e-mail address within `window`, that address is refused for a delay that
/// doubles with each failure, up to `maximumDelay`. A client address is locked the same way
/// only once it has failed for `freeFailuresPerAddress` *different* e-mail addresses (or
/// guessed that many set-password links): one person mistyping their own password again and
/// again locks their own address, not everyone behind the same office NAT; spraying many
/// accounts from one place is what the client address lock is for.
///
/// Keyed by the address as typed, whether or not an account has it, so the refusal says
/// nothing about which addresses exist. The counts are kept in the database (`SignInStore`),
/// so every node of a desk counts the same guesses: five wrong passwords sent to one node lock
/// the address on all of them.
public struct SignInThrottle: Sendable {
    public struct Policy: Sendable {
        public var freeFailures = 5
        public var freeFailuresPerAddress = 20
        public var window: TimeInterval = 15 * 60
        public var firstDelay: TimeInterval = 30
        public var maximumDelay: TimeInterval = 15 * 60
        public init() {}
    }

    let policy: Policy
    let store: any SignInStore

    public init(policy: Policy = Policy(), store: any SignInStore) {
        self.policy = policy
        self.store = store
    }

    /// Seconds to wait before the next attempt for these keys, or nil when one may try now.
    /// Without an e-mail (a set-password link), only the client address counts.
    func waitSeconds(email: String?, address: String, at now: Date) async throws -> Int? {
        let keys = [email.map(Self.key(email:)), Self.key(address: address)].compactMap { $0 }
        let waits = try await store.blockedUntil(keys: keys, at: now).values.map { $0.timeIntervalSince(now) }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    /// Refuses with how long to wait when these keys are blocked now.
    func requireAllowed(email: String?, address: String, at now: Date) async throws {
        if let wait = try await waitSeconds(email: email, address: address, at: now) { throw DeskError.tooManySignIns(retryAfterSeconds: wait) }
    }

    /// Counts a failure; returns the keys this failure locked (each lock is reported once, when it begins).
    @discardableResult
    func failed(email: String?, address: String, at now: Date) async throws -> [SignInLockout] {
        var lockouts: [SignInLockout] = []
        let normalized = email.map { $0.trimming(.whitespaces).lowercased() }
        if let normalized, let lock = try await record(Self.key(email: normalized), counting: nil, free: policy.freeFailures, at: now) {
            lockouts.append(SignInLockout(kind: .email, key: normalized, failures: lock.failures, seconds: lock.seconds))
        }
        if let lock = try await record(Self.key(address: address), counting: normalized ?? "", free: policy.freeFailuresPerAddress, at: now) {
            lockouts.append(SignInLockout(kind: .address, key: address, failures: lock.failures, seconds: lock.seconds))
        }
        return lockouts
    }

    /// A right password forgives the account's failures, and takes back what it counted for
    /// the client address (only that: one's own account must not reset the count of guesses at others).
    func succeeded(email: String, address: String, at now: Date) async throws {
        let normalized = email.trimming(.whitespaces).lowercased(), free = policy.freeFailuresPerAddress
        let stale = now.addingTimeInterval(-policy.window)
        _ = try await store.changeFailureCount(key: Self.key(email: normalized), forgetBefore: stale) { _ in nil }
        _ = try await store.changeFailureCount(key: Self.key(address: address), forgetBefore: stale) { count in
            guard var count, let index = count.emails.firstIndex(of: normalized) else { return count }
            count.emails.remove(at: index)
            count.failures = max(0, count.failures - 1)
            if count.failures < free { count.blockedUntil = nil }
            return count
        }
    }

    /// Counts one failure under `key` — for a client address, `email` ("" for none) counts only
    /// the first time it fails there — and locks the key once `free` are used up: the lock's
    /// length when this failure began one.
    private func record(_ key: String, counting email: String?, free: Int, at now: Date) async throws -> (failures: Int, seconds: Int)? {
        let policy = policy
        let (before, after) = try await store.changeFailureCount(key: key, forgetBefore: now.addingTimeInterval(-policy.window)) { stored in
            Self.counting(stored, email: email, free: free, policy: policy, at: now)
        }
        guard let after, let until = after.blockedUntil, until > now, after.failures != before?.failures else { return nil }
        // Reported when the lock begins, not again for the guesses that were already on their way
        // when it did (sent in parallel, they passed the check before it began).
        let wasLocked = before?.blockedUntil.map { $0 > now } ?? false
        return wasLocked ? nil : (after.failures, Int(until.timeIntervalSince(now).rounded()))
    }

    /// The count after one more failure at `now`.
    static func counting(_ stored: FailureCount?, email: String?, free: Int, policy: Policy, at now: Date) -> FailureCount {
        var count = stored ?? FailureCount(failures: 0, lastFailure: now, blockedUntil: nil)
        if now.timeIntervalSince(count.lastFailure) >= policy.window { count = FailureCount(failures: 0, lastFailure: now, blockedUntil: nil) }
        count.lastFailure = now
        if let email, !email.isEmpty {
            // Past the limit the list stops growing (bounded storage) and every failure counts.
            if count.emails.count <= free {
                guard !count.emails.contains(email) else { return count }
                count.emails.append(email)
                count.emails.sort()
            }
        }
        count.failures += 1
        if count.failures >= free {
            let doublings = min(count.failures - free, 10)
            count.blockedUntil = now.addingTimeInterval(min(policy.maximumDelay, policy.firstDelay * pow(2, Double(doublings))))
        }
        return count
    }

    private static func key(email: String) -> String { "email:" + email.trimming(.whitespaces).lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}
