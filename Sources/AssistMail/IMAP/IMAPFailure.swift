/// Why a mailbox could not be read this round, in one sentence for the log. Never carries the
/// password or a letter's text.
public struct IMAPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let sentence: String

    init(_ sentence: String) {
        self.sentence = sentence
    }

    public var description: String { sentence }
}
