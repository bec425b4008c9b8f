/// What staff are told when mail to a customer failed for good — each enabled admin by mail, in
/// Russian like the rest — and what the audit log keeps. A notice about a failed notice is not
/// sent again: a broken admin address must not loop.
public enum MailFailureNotice {
    /// The kind of the staff notice about a mail that failed for good.
    public static let kind = "mail-failed"

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

    /// The letters to `admins` and the audit entry for the failed letter `notificationId`
    /// (its `kind`, to `recipient`) that the relay refused with `reply`.
    public static func record(
        notificationId: Int64, recipient: String, kind failedKind: String, reply: String, admins: [String]
    ) -> (letters: [OutgoingLetter], audit: AuditNote) {
        let letters = failedKind == kind ? [] : admins.map { admin in
            OutgoingLetter(kind: kind, recipient: admin, (subject(recipient: recipient), body(recipient: recipient, kind: failedKind, reply: reply)))
        }
        let audit = AuditNote(
            action: "mail.failed", subject: "notification:\(notificationId)",
            detail: "Mail to \(recipient) (\(failedKind)) failed for good: \(reply)", actor: nil)
        return (letters, audit)
    }

    /// The audit entry for an admin putting failed letter `notificationId` back in the queue.
    public static func retried(notificationId: Int64, recipient: String, by userId: Int64) -> AuditNote {
        AuditNote(action: "mail.retried", subject: "notification:\(notificationId)", detail: "Failed mail to \(recipient) queued again", actor: userId)
    }
}
