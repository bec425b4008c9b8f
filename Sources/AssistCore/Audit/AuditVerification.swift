/// The result of checking the audit chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose content or position does not match the chain.
    case broken(atEntry: Int64, reason: String)
}
