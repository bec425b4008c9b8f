/// One entry a change adds to the audit log, worded by the desk and appended by the store in
/// the change's own transaction, so the change and its trace are stored together or not at all.
public struct AuditNote: Sendable, Equatable {
    public let action: String
    public let subject: String
    public let detail: String
    /// Who acted; nil for the server itself (start-up, offline commands).
    public let actor: Int64?

    public init(action: String, subject: String, detail: String, actor: Int64?) {
        self.action = action
        self.subject = subject
        self.detail = detail
        self.actor = actor
    }
}
