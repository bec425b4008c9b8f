/// A secret a letter carries to its recipient alone — a set-password link. The stored letter,
/// which staff may read in the outbox, holds `marker` where the secret goes; the secret itself is
/// kept sealed beside it, put in at delivery and wiped once the relay has answered for good.
public enum LetterSecret {
    /// Stands in the stored text for the secret: what staff see in the outbox.
    public static let marker = "[ссылка видна только получателю письма]"
    /// Put in the secret's place when the sealed secret is gone (wiped or unreadable): the
    /// recipient learns what to do instead of getting a dead marker.
    public static let gone = "(ссылка больше не действует: запросите новую на странице «Забыли пароль?» или у администратора)"

    /// The text as the recipient gets it: each `marker` replaced by `secret`, or by `gone`.
    public static func render(_ text: String, secret: String?) -> String {
        guard text.contains(marker) else { return text }
        return text.replacingOccurrences(of: marker, with: secret ?? gone)
    }

    /// What the sealed secret is bound to: sealed for one recipient, it opens for no other letter.
    public static func sealingContext(recipient: String) -> String {
        "letter-secret:" + recipient
    }
}
