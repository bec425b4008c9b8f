import AssistCore

/// A session as answered with its credentials (`Cache-Control: no-store`).
struct OpenedSession: Encodable, Sendable {
    let session: RemoteSession
    let credentials: SessionCredentials
}
