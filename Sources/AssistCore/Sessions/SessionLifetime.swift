import Foundation

/// with the December 2026 audit's decision: a customer's remote-access credentials live no
/// longer than the work they are for. Resolving, refusing or closing a ticket ends its remote
/// sessions (an issued one is cancelled, an active one ended) and wipes their credentials; an
/// issued session nobody joined expires at its join deadline; an active one is ended once it
/// has run `maximumHours` — nobody leaves a customer's password readable overnight by
/// forgetting to press «Завершить».
public enum SessionLifetime {
    /// A ticket moved to `state` ends its remote sessions.
    public static func endsWithTicket(_ state: TicketState) -> Bool {
        state == .resolved || state == .refused || state == .closed
    }

    /// the ticket's sender is told a session was opened for them — how to join and by
    /// when; never its code or PIN (they read those signed in).
    public static func openedLetter(_ session: NewRemoteSession, id: Int64, to sender: String, at instant: Date) -> OutgoingLetter {
        let minutes = max(1, Int(session.joinExpiresAt.timeIntervalSince(instant) / 60))
        return OutgoingLetter(
            kind: "session-opened", recipient: sender,
            CustomerNotices.sessionOpened(tid: session.tid, sessionId: id, tool: session.tool, agentName: session.agentName, joinMinutes: minutes))
    }

    /// Active sessions joined before this instant are ended at `instant`.
    public static func activeCutoff(at instant: Date, maximumHours: Int) -> Date {
        instant.addingTimeInterval(-Double(maximumHours) * 3600)
    }
}
