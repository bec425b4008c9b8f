/// The secrets of a session, as the customer and the assigned agent read them: the session
/// code and one-time PIN the broker issued, and the password the customer's tool showed.
/// Stored only encrypted (AES-256-GCM), wiped when the session ends or expires.
public struct SessionCredentials: Sendable, Equatable, Codable {
    public var sessionCode: String
    /// Nil once used to join: a PIN works once.
    public var pin: String?
    public var passedPassword: String?

    public init(sessionCode: String, pin: String?, passedPassword: String?) {
        self.sessionCode = sessionCode
        self.pin = pin
        self.passedPassword = passedPassword
    }
}

extension SessionCredentials {
    /// What a session's sealed credentials are bound to, on either engine: copied to another
    /// session's row (or moved to another database under another id), the box does not open.
    public static func associatedData(sessionId: Int64) -> [UInt8] { Array("remote-session:\(sessionId)".utf8) }
}
