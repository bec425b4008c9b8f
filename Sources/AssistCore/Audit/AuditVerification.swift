/// The result of checking the audit chain.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose content or position does not match the chain, and every later
    /// one that breaks it again (the walk goes on past a break, so tampering further down is
    /// not hidden behind an earlier one).
    case broken(atEntry: Int64, reason: String, laterBreaks: [Int64])
}
