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
}
