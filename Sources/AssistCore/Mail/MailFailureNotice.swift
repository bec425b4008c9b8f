/// What staff are told when mail to a customer failed for good. In Russian, like the rest.
public enum MailFailureNotice {
    public static func subject(recipient: String) -> String {
        "Письмо не доставлено: \(recipient)"
    }

    public static func body(recipient: String, kind: String, reply: String) -> String {
        """
        Письмо для \(recipient) (\(kind)) не доставлено, повторных попыток не будет.
        Ответ почтового сервера: \(reply)

        Адрес отмечен как проблемный. Проверьте его с клиентом; письмо можно отправить снова (POST /v1/notifications/{id}/retry).
        """
    }
}
