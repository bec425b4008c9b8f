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

    /// Active sessions joined before this instant are ended at `instant`.
    public static func activeCutoff(at instant: Date, maximumHours: Int) -> Date {
        instant.addingTimeInterval(-Double(maximumHours) * 3600)
    }
}
