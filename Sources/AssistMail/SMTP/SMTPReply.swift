/// A server's answer: the three-digit code and its text lines.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later (RFC 5321 §4.2.1).
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: this message will not go this way.
    public var isPermanent: Bool { code >= 500 }

    /// `250 2.0.0 Ok: queued as 4Z…` — what staff see; never holds a secret (we do not echo AUTH).
    public var description: String { "\(code) \(lines.joined(separator: " / "))" }
}
