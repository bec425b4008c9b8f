/// issued → active → ended; issued → expired (nobody joined in time) or cancelled.
public enum RemoteSessionState: String, Sendable, Codable, CaseIterable {
    case issued
    case active
    case ended
    case expired
    case cancelled

    /// Credentials exist only in these states; leaving them wipes them.
    public var holdsCredentials: Bool { self == .issued || self == .active }
}
