/// with and the December 2026 audit's decision: who a ticket split off another
/// is from. A customer's split is filed from the customer's own address, so its level follows
/// that address (a split never lends a licence holder's level, nor discloses a VIP phone to the
/// boss's address, on another user's word); a split by staff keeps the original sender, as staff
/// file for senders. A customer does not split a closed ticket: they file a new one.
public enum SplitRule {
    public enum Refusal: Error, Sendable, Equatable {
        /// The ticket is closed (a customer's split).
        case closed
        /// The customer's account has no address to file from.
        case noAddress
    }

    /// The sender of the new ticket split off `origin` by `actor`.
    public static func sender(splitting origin: Ticket, by actor: UserAccount) throws(Refusal) -> String {
        guard actor.role == .customer else { return origin.senderEmail }
        guard origin.state != .closed else { throw .closed }
        guard let own = actor.email else { throw .noAddress }
        return own
    }
}
