import Foundation
import Logging
import Synchronization

/// Slows down and reports a client address that keeps failing to authenticate: invalid API
/// tokens, failed console sign-ins.
///
/// Within one window per address, the first `freeFailures` failures are answered at once;
/// each one after waits `delay` longer than the one before (up to `maximumDelay`), so guessing
/// gets slower and slower. The address is logged once per window, when its failures become
/// repeated, instead of once per request (which would flood the log). Never logs what was
/// tried. At most `maximumTracked` addresses are remembered; the stalest go first.
final class FailedAuthenticationThrottle: Sendable {
    struct Policy: Sendable {
        var window: Duration = .seconds(60)
        var freeFailures = 5
        var delay: Duration = .milliseconds(500)
        var maximumDelay: Duration = .seconds(5)
        var maximumTracked = 10_000

        init(freeFailures: Int = 5, delay: Duration = .milliseconds(500)) {
            self.freeFailures = freeFailures
            self.delay = delay
        }
    }

    private struct Window {
        var started: ContinuousClock.Instant
        var failures: Int
    }

    let policy: Policy
    /// What fails, for the log line: "invalid tokens", "failed console sign-ins".
    let what: String
    private let windows = Mutex<[String: Window]>([:])

    init(policy: Policy = Policy(), what: String = "invalid tokens") {
        self.policy = policy
        self.what = what
    }

    /// Counts a failure from `address` and waits as long as that address has earned.
    func failed(from address: String, logger: Logger) async {
        let now = ContinuousClock.now
        let failures = windows.withLock { windows in
            var window = windows[address].flatMap { now - $0.started < policy.window ? $0 : nil } ?? Window(started: now, failures: 0)
            window.failures += 1
            windows[address] = window
            if windows.count > policy.maximumTracked { Self.evict(&windows, now: now, policy: policy) }
            return window.failures
        }
        let excess = failures - policy.freeFailures
        guard excess > 0 else { return }
        if excess == 1 {
            logger.warning(
                "Repeated \(what) from one address: answers to it are refused or slowed down for the rest of the window",
                metadata: ["address": "\(address)", "failures": "\(failures)", "window": "\(policy.window)"])
        }
        if policy.delay > .zero { try? await Task.sleep(for: min(policy.delay * excess, policy.maximumDelay)) }
    }

    /// Drops expired windows, then the oldest, until the map is back under its cap.
    private static func evict(_ windows: inout [String: Window], now: ContinuousClock.Instant, policy: Policy) {
        windows = windows.filter { now - $0.value.started < policy.window }
        while windows.count > policy.maximumTracked, let oldest = windows.min(by: { $0.value.started < $1.value.started }) {
            windows[oldest.key] = nil
        }
    }
}
