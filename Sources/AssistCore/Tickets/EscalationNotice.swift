/// what the head of support is sent when a customer escalates a ticket. In Russian.
public enum EscalationNotice {
    public static func subject(tid: String, ticketSubject: String) -> String {
        "[\(tid)] Эскалация руководителю поддержки: \(ticketSubject)"
    }

    public static func body(tid: String, message: String) -> String {
        """
        Здравствуйте!

        Клиент обратился к руководителю службы технической поддержки по обращению \(tid)
        с просьбой прокомментировать работу или ускорить решение срочного вопроса.

        Сообщение клиента:
        \(message)

        Следующие обращения клиента по этому обращению сегодня будут записаны без повторного уведомления.
        """
    }
}
