/// The message that gives a VIP customer the responsible employee's phone. The phone
/// is for clarifications; the work itself runs through the ticket.
public enum VIPContactNotice {
    public static func subject(tid: String) -> String {
        "[\(tid)] Ответственный сотрудник по вашему спецобращению"
    }

    public static func body(tid: String, agentName: String, phone: String) -> String {
        """
        Здравствуйте!

        По вашему спецобращению \(tid) ответственный сотрудник — \(agentName), телефон \(phone).
        Телефон служит для уточнения и дополнения данных обращения; основное решение проблемы идёт через интерфейс техподдержки.
        """
    }

    public static func pendingSubject(tid: String) -> String {
        "[\(tid)] Спецобращение ждёт ответственного сотрудника"
    }

    public static func pendingBody(tid: String) -> String {
        "VIP ticket \(tid) has no responsible agent: nobody with a phone is on duty. It will be assigned to the first agent who comes on duty."
    }
}
