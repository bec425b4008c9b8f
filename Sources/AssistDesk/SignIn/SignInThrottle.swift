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
/// nothing about which addresses exist. Kept in memory: a restart forgives, which is fine
/// for a delay measured in minutes.
public actor SignInThrottle {
    public struct Policy: Sendable {
        public var freeFailures = 5
        public var freeFailuresPerAddress = 20
        public var window: TimeInterval = 15 * 60
        public var firstDelay: TimeInterval = 30
        public var maximumDelay: TimeInterval = 15 * 60
        public init() {}
    }

    private struct Record {
        var failures: Int
        var lastFailure: Date
        var blockedUntil: Date?
        /// For a client address: the e-mail addresses that failed from it in the window (each
        /// counts once); what failed without one (a link, a reset request) counts every time.
        var emails: Set<String> = []
    }

    private let policy: Policy
    private var records: [String: Record] = [:]
    /// Beyond this many keys, stale ones are dropped: a flood of made-up addresses cannot grow memory without bound.
    private let maximumKeys = 100_000

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Seconds to wait before the next attempt for these keys, or nil when one may try now.
    /// Without an e-mail (a set-password link), only the client address counts.
    func waitSeconds(email: String?, address: String, at now: Date) -> Int? {
        let keys = [email.map(Self.key(email:)), Self.key(address: address)].compactMap { $0 }
        let waits = keys.compactMap { key -> TimeInterval? in
            guard let until = records[key]?.blockedUntil, until > now else { return nil }
            return until.timeIntervalSince(now)
        }
        return waits.max().map { Int($0.rounded(.up)) }
    }

    /// Refuses with how long to wait when these keys are blocked now.
    func requireAllowed(email: String?, address: String, at now: Date) throws(DeskError) {
        if let wait = waitSeconds(email: email, address: address, at: now) { throw .tooManySignIns(retryAfterSeconds: wait) }
    }

    /// Counts a failure; returns the keys this failure locked (each lock is reported once, when it begins).
    @discardableResult
    func failed(email: String?, address: String, at now: Date) -> [SignInLockout] {
        var lockouts: [SignInLockout] = []
        let normalized = email.map { $0.trimming(.whitespaces).lowercased() }
        if let normalized, let lock = record(Self.key(email: normalized), counting: nil, free: policy.freeFailures, at: now) {
            lockouts.append(SignInLockout(kind: .email, key: normalized, failures: lock.failures, seconds: lock.seconds))
        }
        if let lock = record(Self.key(address: address), counting: normalized ?? "", free: policy.freeFailuresPerAddress, at: now) {
            lockouts.append(SignInLockout(kind: .address, key: address, failures: lock.failures, seconds: lock.seconds))
        }
        if records.count > maximumKeys {
            records = records.filter { now.timeIntervalSince($0.value.lastFailure) < policy.window }
        }
        return lockouts
    }

    /// A right password forgives the account's failures, and takes back what it counted for
    /// the client address (only that: one's own account must not reset the count of guesses at others).
    func succeeded(email: String, address: String) {
        let normalized = email.trimming(.whitespaces).lowercased()
        records[Self.key(email: normalized)] = nil
        let key = Self.key(address: address)
        guard var entry = records[key], entry.emails.remove(normalized) != nil else { return }
        entry.failures = max(0, entry.failures - 1)
        if entry.failures < policy.freeFailuresPerAddress { entry.blockedUntil = nil }
        records[key] = entry
    }

    /// Counts one failure under `key` — for a client address, `email` ("" for none) counts only
    /// the first time it fails there — and locks the key once `free` are used up: the lock's
    /// length when this failure began one.
    private func record(_ key: String, counting email: String?, free: Int, at now: Date) -> (failures: Int, seconds: Int)? {
        var entry = records[key] ?? Record(failures: 0, lastFailure: now, blockedUntil: nil)
        if now.timeIntervalSince(entry.lastFailure) >= policy.window { entry = Record(failures: 0, lastFailure: now, blockedUntil: nil) }
        entry.lastFailure = now
        if let email, !email.isEmpty {
            // Past the limit the set stops growing (bounded memory) and every failure counts.
            let counts = entry.emails.count > free || entry.emails.insert(email).inserted
            guard counts else {
                records[key] = entry
                return nil
            }
        }
        entry.failures += 1
        var lock: (failures: Int, seconds: Int)?
        if entry.failures >= free {
            let doublings = min(entry.failures - free, 10)
            let delay = min(policy.maximumDelay, policy.firstDelay * pow(2, Double(doublings)))
            // Reported when the lock begins, not again for the guesses that were already on their way
            // when it did (sent in parallel, they passed the check before it began).
            let wasLocked = entry.blockedUntil.map { $0 > now } ?? false
            entry.blockedUntil = now.addingTimeInterval(delay)
            if !wasLocked { lock = (entry.failures, Int(delay)) }
        }
        records[key] = entry
        return lock
    }

    private static func key(email: String) -> String { "email:" + email.trimming(.whitespaces).lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}
