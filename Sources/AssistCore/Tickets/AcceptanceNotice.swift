/// the confirmation a customer is sent when a ticket is accepted, naming the problem,
/// the TID and the SLA level. In Russian: iStom's customers read Russian.
public enum AcceptanceNotice {
    public static func subject(tid: String, ticketSubject: String) -> String {
        "[\(tid)] Обращение принято: \(ticketSubject)"
    }

    public static func body(_ ticket: Ticket) -> String {
        """
        Здравствуйте!

        Ваше обращение принято службой технической поддержки iStom.
        Номер обращения (TID): \(ticket.tid). Сохраняйте его в теме письма при дальнейшей переписке.
        Проблема: \(ticket.subject)
        Уровень обслуживания: \(RussianNames.level(ticket.slaLevel))
        Срок реакции: до \(MoscowTime.format(ticket.reactionDeadline)) (московское время).

        Вся переписка по обращению доступна в интерфейсе технической поддержки.
        """
    }
}
