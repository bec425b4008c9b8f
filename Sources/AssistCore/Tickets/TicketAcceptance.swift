/// What accepting a ticket records beside it, decided once its TID is known: the events of its
/// history, the entry on the ticket it was split off (R-2.5.3), whether it goes out of turn
/// (R-2.2, `OutOfTurn`) and the confirmation the sender is sent (R-4.3; R-4.10: no confirmation,
/// no ticket). The store writes these in the transaction that files the ticket.
public struct TicketAcceptance: Sendable, Equatable {
    /// The accepted ticket's events, in order.
    public let notes: [TicketRecordNote]
    /// The entry on the ticket it was split off, if it was.
    public let originNote: TicketRecordNote?
    /// The confirmation (kind `ticket-accepted`, which the thread reads as "confirmation queued").
    public let confirmation: OutgoingLetter

    /// The record of `ticket` as just accepted, with `decided`: what the filing decided beyond
    /// the level (an unverified sender, …).
    public init(of ticket: Ticket, decided: [TicketRecordNote]) {
        var notes = [TicketRecordNote(
            .accepted,
            "Accepted as \(ticket.tid)\(ticket.splitFrom.map { ", split off \($0)" } ?? ""), level \(ticket.slaLevel.rawValue), reaction due \(MoscowTime.format(ticket.reactionDeadline)).")]
        if OutOfTurn.applies(level: ticket.slaLevel, problemClass: ticket.problemClass) {
            notes.append(TicketRecordNote(.outOfTurn, OutOfTurn.acceptedReason))
        }
        self.notes = notes + decided
        originNote = ticket.splitFrom.map { _ in
            TicketRecordNote(.accepted, "Split off into \(ticket.tid) (R-2.5.3: one problem per VIP ticket).")
        }
        confirmation = OutgoingLetter(
            kind: "ticket-accepted", recipient: ticket.senderEmail,
            (AcceptanceNotice.subject(tid: ticket.tid, ticketSubject: ticket.subject), AcceptanceNotice.body(ticket)))
    }
}
