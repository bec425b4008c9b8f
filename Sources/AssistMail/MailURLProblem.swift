/// Why a mail server setting (`mail.relay`, `mail.imap`) cannot be used, as the end of a
/// sentence naming the setting: "… must name a port, e.g. …".
public struct MailURLProblem: Error, Sendable, Equatable {
    public let sentence: String

    init(_ sentence: String) {
        self.sentence = sentence
    }
}
