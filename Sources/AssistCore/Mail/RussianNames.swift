/// How customers read the product's terms: in Russian words, never slugs.
public enum RussianNames {
    public static func level(_ level: SLALevel) -> String {
        switch level {
        case .freeOperational: "бесплатная поддержка, критическая проблема (реакция в течение 4 рабочих часов)"
        case .freeStandard: "бесплатная поддержка, обычный вопрос (реакция в течение 2 рабочих дней)"
        case .commercialOperational: "коммерческая поддержка, критическая проблема (реакция в течение 1 рабочего часа)"
        case .commercialStandard: "коммерческая поддержка, обычный вопрос (реакция в течение 3 рабочих часов)"
        case .vip: "VIP-обращение (реакция в течение 1 часа)"
        case .noncommercial: "некоммерческая лицензия (реакция в течение 24 рабочих часов)"
        case .consulting: "консультация (реакция в течение 40 рабочих часов)"
        case .development: "передано в отдел разработки (реакция в течение 24 рабочих дней)"
        }
    }

    public static func state(_ state: TicketState) -> String {
        switch state {
        case .new: "новое"
        case .inProgress: "в работе"
        case .waitingForCustomer: "ожидает вашего ответа"
        case .resolved: "решено"
        case .closed: "закрыто"
        case .postponed: "отложено"
        case .refused: "отклонено"
        }
    }

    /// reasons, as the regulation words them.
    public static func reason(_ reason: PostponeReason) -> String {
        switch reason {
        case .cannotReproduce: "проблема не воспроизводится на аналогичной конфигурации, доступа к вашему проекту нет"
        case .insufficientInformation: "недостаточно информации о проблеме"
        case .needsDevelopment: "требуется детальная диагностика, доработка или обновление"
        case .requirementsViolated: "нарушены технические требования (изменено ядро, превышено число установок)"
        case .unlicensedCopy: "используется нелицензионная копия"
        case .outOfScope: "вопрос выходит за рамки технической поддержки"
        case .unconstructive: "вопрос некорректен или обсуждение неконструктивно"
        }
    }
}
