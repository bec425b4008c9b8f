/// The staff's letter when a sender passed the daily cap of new tickets by mail (once per
/// sender and day, however many letters follow).
public enum HeldLetterNotice {
    public static func subject(sender: String) -> String {
        "Письма от \(sender) задержаны: превышен дневной предел новых обращений"
    }

    public static func body(sender: String, cap: Int) -> String {
        """
        С адреса \(sender) сегодня пришло больше \(cap) писем, открывающих новые обращения.
        Следующие письма с этого адреса до конца дня (по московскому времени) не открывают обращений, а задерживаются.
        Их список: GET /v1/inbound/held. Нужное письмо специалист заводит как заявку вручную (POST /v1/tickets или «Новая заявка» в консоли).
        """
    }
}
