import Foundation

/// The letters customers get about their tickets and invoices, in Russian, each ticket letter's
/// subject with the TID so a reply threads back to the ticket. None ever carries a secret (no PIN, no code).
public enum CustomerNotices {
    /// An agent's answer, with its text.
    public static func reply(tid: String, ticketSubject: String, agentName: String, text: String) -> (subject: String, body: String) {
        ("[\(tid)] Ответ поддержки: \(ticketSubject)",
         """
         Здравствуйте!

         \(agentName), служба технической поддержки iStom, ответил(а) по обращению \(tid):

         \(text)

         Чтобы ответить, напишите ответ на это письмо, сохранив номер \(tid) в теме.
         """)
    }

    /// The ticket's level changed (a move to consulting or development, R-2.5.5 / R-2.5.6, or a
    /// change of class, R-2.5.1): the new level and its deadline, replacing what the confirmation said.
    public static func level(tid: String, ticketSubject: String, level: SLALevel, deadline: Date, reason: String?) -> (subject: String, body: String) {
        var lines = [
            "Здравствуйте!", "",
            "Уровень обслуживания обращения \(tid) «\(ticketSubject)» изменён.",
            "Новый уровень: \(RussianNames.level(level)).",
            "Срок реакции: до \(MoscowTime.format(deadline)) (московское время).",
        ]
        if let reason { lines.append("Причина: \(reason).") }
        lines += ["", "Вся переписка по обращению доступна в интерфейсе технической поддержки."]
        return ("[\(tid)] Уровень обслуживания: \(RussianNames.level(level))", lines.joined(separator: "\n"))
    }

    /// A change of the ticket's state; postponed and refused with their reason; resolved
    /// with how to rate the work.
    public static func state(tid: String, ticketSubject: String, state: TicketState, reason: PostponeReason?) -> (subject: String, body: String) {
        var lines = ["Здравствуйте!", "", "Состояние обращения \(tid) «\(ticketSubject)»: \(RussianNames.state(state))."]
        if let reason { lines.append("Причина: \(RussianNames.reason(reason)).") }
        if state == .resolved {
            lines += [
                "", "Пожалуйста, оцените работу поддержки от 1 до 5: в интерфейсе технической поддержки или командой",
                "assist tickets rate \(tid) ОЦЕНКА. Если проблема осталась, ответьте на это письмо — обращение вернётся в работу.",
            ]
        }
        return ("[\(tid)] Состояние обращения: \(RussianNames.state(state))", lines.joined(separator: "\n"))
    }

    /// A remote-access session was opened: where to read its credentials, never the credentials.
    public static func sessionOpened(tid: String, sessionId: Int64, tool: RemoteTool, agentName: String, joinMinutes: Int) -> (subject: String, body: String) {
        let toolName = tool == .teamviewer ? "TeamViewer" : "AmmyAdmin"
        return ("[\(tid)] Сеанс удалённого доступа \(toolName)",
                """
                Здравствуйте!

                \(agentName) открыл(а) сеанс удалённого доступа (\(toolName)) по обращению \(tid).
                Код сеанса и одноразовый PIN-код — в интерфейсе технической поддержки (сеанс № \(sessionId))
                или командой assist sessions credentials \(sessionId). В письмах мы их не отправляем.
                Подключитесь в течение \(joinMinutes) минут.
                """)
    }

    /// An invoice was issued: its number, sum and period, and where to read and print it. An
    /// invoice may cover several tickets, so its subject carries the invoice number instead of a TID.
    public static func invoiceIssued(
        number: String, issuedOn: LocalDate, totalKopecks: Int64, totalInWords: String, from: LocalDate, to: LocalDate
    ) -> (subject: String, body: String) {
        ("Счёт № \(number) от \(issuedOn.russianNotation)",
         """
         Здравствуйте!

         Выставлен счёт № \(number) от \(issuedOn.russianNotation) на сумму \(MoneyFormat.roubles(totalKopecks)) (\(totalInWords))
         за период с \(from.russianNotation) по \(to.russianNotation).

         Счёт можно открыть и распечатать в интерфейсе технической поддержки или командой
         assist invoices html \(number). Вопросы по счёту задайте ответом на это письмо.
         """)
    }

    /// Who hears that `invoice` was issued, and what: the customer's enabled users with an
    /// address, or — a customer without any — its licence addresses.
    public static func invoiceIssuedLetters(_ invoice: Invoice, users: [String], licenceAddresses: [String]) -> [OutgoingLetter] {
        let notice = invoiceIssued(
            number: invoice.number, issuedOn: MoscowTime.date(of: invoice.issuedAt), totalKopecks: invoice.totalKopecks,
            totalInWords: invoice.totalInWords, from: invoice.periodFrom, to: invoice.periodTo)
        return (users.isEmpty ? licenceAddresses : users).map { OutgoingLetter(kind: "invoice-issued", recipient: $0, notice) }
    }
}
