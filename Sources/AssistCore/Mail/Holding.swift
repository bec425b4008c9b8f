/// What holding one letter beyond its sender's cap sets off (`LetterCap.holding`): letters to
/// the admins and an audit entry, or nothing when the sender was held earlier that day.
public struct Holding: Sendable, Equatable {
    public let letters: [OutgoingLetter]
    public let audit: AuditNote?

    public init(letters: [OutgoingLetter], audit: AuditNote?) {
        self.letters = letters
        self.audit = audit
    }
}
