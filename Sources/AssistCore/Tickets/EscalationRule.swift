import Foundation

/// R-5 with the December 2026 audit's decisions: the customer writes to the head of support
/// about a ticket; each escalation is recorded, and the head is told at most once per ticket per
/// working day — the working day an escalation falls on, or, made on a day off, the next working
/// day, when the head reads it. A closed ticket is not escalated: a new one is filed.
public enum EscalationRule {
    public enum Refusal: Error, Sendable, Equatable {
        case closed
    }

    public static func check(_ ticket: Ticket) throws(Refusal) {
        guard ticket.state != .closed else { throw .closed }
    }

    /// Who is told: the configured head of support when they are enabled staff with an address —
    /// a customer user must never read another customer's escalation — else the enabled admins.
    public static func recipients(head: UserAccount?, users: [UserAccount]) -> [String] {
        if let head, !head.disabled, head.role != .customer, let email = head.email { return [email] }
        return users.filter { $0.role == .admin && !$0.disabled }.compactMap(\.email)
    }

    /// One escalation of `ticket`: recorded every time; `recipients` told only when nobody was
    /// told of this ticket yet for the working day it counts for (`toldAlready`).
    public static func escalate(_ ticket: Ticket, message: String, recipients: [String], toldAlready: Bool) -> Escalation {
        let notify = !toldAlready && !recipients.isEmpty
        let letters = notify ? recipients.map { recipient in
            OutgoingLetter(
                kind: "escalation", recipient: recipient,
                (EscalationNotice.subject(tid: ticket.tid, ticketSubject: ticket.subject), EscalationNotice.body(tid: ticket.tid, message: message)))
        } : []
        let told = notify ? "; notified" : toldAlready ? "; already notified today" : ""
        return Escalation(notify: notify, record: TicketRecordNote(.escalated, "Escalated to the head of support (R-5)\(told): \(message)"), letters: letters)
    }

    /// Whether `user` may be configured as the head of support (`support.headUserId`): staff only.
    public static func mayBeHead(_ user: UserAccount) -> Bool {
        user.role != .customer
    }

    /// The working day an escalation at `instant` counts for, on the production calendar.
    public static func workingDay(of instant: Date, calendar: ProductionCalendar) -> LocalDate {
        var day = MoscowTime.date(of: instant)
        // Thirty days bound the walk: no stretch of days off is that long.
        for _ in 0..<30 where !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }
}
