/// The letters people get about their own account, in Russian. A set-password link is never
/// written into the text: `LetterSecret.marker` holds its place (see `LetterSecret`).
public enum AccountNotices {
    /// A one-time link to set a password, asked for on «Забыли пароль?» (`byAdmin` false) or
    /// sent by an admin; it works `minutes` minutes and once.
    public static func passwordLink(displayName: String, minutes: Int, byAdmin: Bool) -> (subject: String, body: String) {
        let why = byAdmin
            ? "Администратор AssistBroker отправил вам ссылку, чтобы вы задали пароль для входа:"
            : "Чтобы задать новый пароль для входа в AssistBroker, откройте ссылку:"
        let lifetime = minutes >= 120 && minutes % 60 == 0 ? "\(minutes / 60) ч" : "\(minutes) мин."
        return ("Ссылка для установки пароля AssistBroker",
                """
                Здравствуйте, \(displayName)!

                \(why)
                \(LetterSecret.marker)

                Ссылка действует \(lifetime) и только один раз. Если вы не просили сменить пароль,
                ничего не делайте: пароль останется прежним.

                — Техническая поддержка iStom
                """)
    }
}
