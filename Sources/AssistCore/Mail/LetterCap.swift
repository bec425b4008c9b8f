import Foundation

/// with the product's guard against floods and loops: a sender opens at most `cap` new
/// tickets by letter a Moscow day; beyond it their letters are held for staff to read, and the
/// sender is told once. Decided on the count read in the transaction that would file the
/// ticket, so letters taken at once cannot pass the cap together.
public enum LetterCap {
    public struct Reached: Error, Sendable, Equatable {
        public let cap: Int
    }

    /// Where the count starts: the Moscow day of `instant`.
    public static func dayStart(of instant: Date) -> Date {
        MoscowTime.startOfDay(of: instant)
    }

    public static func check(openedToday: Int, cap: Int) throws(Reached) {
        guard openedToday < cap else { throw Reached(cap: cap) }
    }

    /// A letter held: the admins are told, and the audit log keeps it, once per sender and Moscow
    /// day — with the first letter held that day (`heldEarlierToday` 0).
    public static func holding(sender: String, cap: Int, heldEarlierToday: Int, admins: [String]) -> Holding {
        guard heldEarlierToday == 0 else { return Holding(letters: [], audit: nil) }
        let letters = admins.map {
            OutgoingLetter(kind: "mail-held", recipient: $0, (HeldLetterNotice.subject(sender: sender), HeldLetterNotice.body(sender: sender, cap: cap)))
        }
        return Holding(
            letters: letters,
            audit: AuditNote(action: "mail.held", subject: "sender:\(sender)", detail: "Letters from \(sender) beyond \(cap) new tickets today are held for staff", actor: nil))
    }
}
