/// Why a message did not reach the relay, sorted by what to do about it.
public struct SMTPFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Try again later: 4xx, a dropped connection, a timeout, a relay that is down.
        case transient
        /// The relay refused this message for good (5xx).
        case permanent
    }

    public let kind: Kind
    /// What the relay said, or what went wrong on the way (never a password).
    public let reason: String

    public var description: String { reason }

    static func transient(_ reason: String) -> SMTPFailure { SMTPFailure(kind: .transient, reason: reason) }
    static func permanent(_ reason: String) -> SMTPFailure { SMTPFailure(kind: .permanent, reason: reason) }
}
