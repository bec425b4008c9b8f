import AssistCore
import Foundation

/// Slows down password guessing: after `freeFailures` failed sign-ins for one e-mail address
/// (or `freeFailuresPerAddress` from one client address) within `window`, further attempts
/// are refused for a delay that doubles with each failure, up to `maximumDelay`.
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

    func failed(email: String?, address: String, at now: Date) {
        if let email { record(Self.key(email: email), free: policy.freeFailures, at: now) }
        record(Self.key(address: address), free: policy.freeFailuresPerAddress, at: now)
        if records.count > maximumKeys {
            records = records.filter { now.timeIntervalSince($0.value.lastFailure) < policy.window }
        }
    }

    /// A right password forgives the account's failures, and takes back the one attempt it
    /// counted for the client address (only that one: one's own account must not reset the
    /// count of guesses at others).
    func succeeded(email: String, address: String) {
        records[Self.key(email: email)] = nil
        let key = Self.key(address: address)
        guard var entry = records[key] else { return }
        entry.failures = max(0, entry.failures - 1)
        if entry.failures < policy.freeFailuresPerAddress { entry.blockedUntil = nil }
        records[key] = entry
    }

    private func record(_ key: String, free: Int, at now: Date) {
        var entry = records[key] ?? Record(failures: 0, lastFailure: now, blockedUntil: nil)
        if now.timeIntervalSince(entry.lastFailure) >= policy.window { entry = Record(failures: 0, lastFailure: now, blockedUntil: nil) }
        entry.failures += 1
        entry.lastFailure = now
        if entry.failures >= free {
            let doublings = min(entry.failures - free, 10)
            let delay = min(policy.maximumDelay, policy.firstDelay * pow(2, Double(doublings)))
            entry.blockedUntil = now.addingTimeInterval(delay)
        }
        records[key] = entry
    }

    private static func key(email: String) -> String { "email:" + email.trimming(.whitespaces).lowercased() }
    private static func key(address: String) -> String { "address:" + address }
}
