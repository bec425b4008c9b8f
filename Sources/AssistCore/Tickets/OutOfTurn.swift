/// with the December 2026 audit's decisions: a ticket goes out of turn when it is an
/// emergency at an emergency level — operational, free or commercial — and stays there only
/// while it is: a non-commercial ticket marked operational is standard (general usage only), a
/// ticket moved to consulting or development is taken in arrival order, and VIP
/// tickets skip the queue altogether.
public enum OutOfTurn {
    public static func applies(level: SLALevel, problemClass: ProblemClass) -> Bool {
        problemClass == .operational && (level == .freeOperational || level == .commercialOperational)
    }

    /// The reason recorded on a ticket that was an emergency when it was filed.
    public static let acceptedReason = "Queued out of turn: operational problem — a product or service stopped working (R-2.2)."

    public static func applies(to ticket: Ticket) -> Bool {
        applies(level: ticket.slaLevel, problemClass: ticket.problemClass)
    }
}
