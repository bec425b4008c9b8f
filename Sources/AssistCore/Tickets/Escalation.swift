/// What `EscalationRule.escalate` decided for one escalation: whether someone is told now, the
/// ticket's record of it, and the letters to queue.
public struct Escalation: Sendable, Equatable {
    public let notify: Bool
    public let record: TicketRecordNote
    public let letters: [OutgoingLetter]

    public init(notify: Bool, record: TicketRecordNote, letters: [OutgoingLetter]) {
        self.notify = notify
        self.record = record
        self.letters = letters
    }
}
