/// What became of a customer's letter.
public enum LetterOutcome: Sendable, Equatable {
    /// Added to the thread of `tid`.
    case appended(tid: String)
    /// Opened a new ticket for the sender's customer (R-4.7 decides its level).
    case opened(tid: String)
    /// Beyond the sender's daily cap of new tickets: kept for staff, not filed.
    case held(answered: Bool)
    /// A letter with this Message-ID was filed before: nothing changed.
    case duplicate
    /// Not filed, for `reason`; `answered` when the sender was told (at most once a day).
    case refused(code: DeskError.Code, reason: String, answered: Bool)
}
