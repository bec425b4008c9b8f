import Foundation

/// Failed sign-ins counted under one key — an e-mail address or a client address — within the
/// throttle's window (`SignInThrottle`). Stored, so every node counts the same failures.
public struct FailureCount: Sendable, Equatable {
    public var failures: Int
    public var lastFailure: Date
    public var blockedUntil: Date?
    /// For a client address: the e-mail addresses that failed from it in the window, sorted
    /// (each counts once); bounded by the throttle.
    public var emails: [String]

    public init(failures: Int, lastFailure: Date, blockedUntil: Date?, emails: [String] = []) {
        self.failures = failures
        self.lastFailure = lastFailure
        self.blockedUntil = blockedUntil
        self.emails = emails
    }
}
