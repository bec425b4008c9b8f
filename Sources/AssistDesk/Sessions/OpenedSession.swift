import AssistCore

/// A session as answered with its credentials (`Cache-Control: no-store`).
public struct OpenedSession: Codable, Sendable {
    public let session: RemoteSession
    public let credentials: SessionCredentials
}
