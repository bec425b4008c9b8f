import Foundation

/// Automatic answers to mail (a refusal, a held letter, refused files) go to a sender once per
/// kind and Moscow day, so a misbehaving sender — or a loop with another robot — never gets a
/// stream of them.
public enum AnswerLimit {
    /// The instant from which an earlier answer of the same kind to the same sender counts.
    public static func countingSince(_ instant: Date) -> Date {
        MoscowTime.startOfDay(of: instant)
    }
}
