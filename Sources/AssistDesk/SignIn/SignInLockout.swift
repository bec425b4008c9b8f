/// A sign-in key that failed too often and is refused for a while: audited when it begins.
public struct SignInLockout: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// An e-mail address (as typed, lower-cased) failed `SignInThrottle.Policy.freeFailures` times.
        case email
        /// A client address failed for that many different e-mail addresses or links.
        case address
    }

    public let kind: Kind
    public let key: String
    public let failures: Int
    public let seconds: Int
}
