/// An entry a rule's decision adds to a ticket's record (its events), before it is stored:
/// the kind and the sentence; the store adds the ticket, the actor and the time.
public struct TicketRecordNote: Sendable, Equatable {
    public let kind: TicketEvent.Kind
    public let detail: String

    public init(_ kind: TicketEvent.Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
