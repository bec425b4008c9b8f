import AssistCore
import Foundation

/// How the console shows values to people: Moscow time, roubles, and Russian names of the
/// desk's states and levels. Storage stays UTC and codes; this is display only.
enum WebFormat {
    /// `29.11.2026 14:05` in Moscow time.
    static func time(_ instant: Date) -> String {
        let date = MoscowTime.date(of: instant)
        let seconds = MoscowTime.secondsIntoDay(of: instant)
        return "\(two(date.day)).\(two(date.month)).\(date.year) \(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
    }

    /// For `<time datetime>`: RFC 3339 with the Moscow offset, which scripts parse as an instant.
    static func machineTime(_ instant: Date) -> String { MoscowTime.format(instant) }

    /// `1 500,00 ₽` from integer kopecks.
    static func rubles(_ kopecks: Int64) -> String {
        let sign = kopecks < 0 ? "−" : ""
        let magnitude = kopecks.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "\u{00A0}" + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        return "\(sign)\(whole)\(grouped),\(two(Int(magnitude % 100))) ₽"
    }

    /// `1 ч 05 мин` from seconds.
    static func duration(_ seconds: Int) -> String {
        "\(seconds / 3600) ч \(two(seconds % 3600 / 60)) мин"
    }

    static func state(_ state: TicketState) -> String {
        switch state {
        case .new: "новая"
        case .inProgress: "в работе"
        case .waitingForCustomer: "ждёт ответа клиента"
        case .resolved: "решена"
        case .closed: "закрыта"
        case .postponed: "отложена"
        case .refused: "отклонена"
        }
    }

    static func level(_ level: SLALevel) -> String {
        switch level {
        case .freeOperational: "бесплатная, работоспособность"
        case .freeStandard: "бесплатная, стандартная"
        case .commercialOperational: "коммерческая, работоспособность"
        case .commercialStandard: "коммерческая, стандартная"
        case .vip: "VIP"
        case .noncommercial: "некоммерческая"
        case .consulting: "консультация"
        case .development: "доработка"
        }
    }

    static func session(_ state: RemoteSessionState) -> String {
        switch state {
        case .issued: "ожидает подключения"
        case .active: "идёт"
        case .ended: "завершён"
        case .expired: "истёк"
        case .cancelled: "отменён"
        }
    }

    static func tool(_ tool: RemoteTool) -> String {
        switch tool {
        case .teamviewer: "TeamViewer"
        case .ammyadmin: "AmmyAdmin"
        }
    }

    static func kind(_ kind: MeteredKind) -> String {
        switch kind {
        case .install: "помощь в установке"
        case .update: "помощь в обновлении"
        case .updateRepair: "исправление после неверного обновления"
        }
    }

    /// how a message came; a staff filing says who typed it.
    static func channel(_ channel: MessageChannel) -> String {
        switch channel {
        case .api: "через API"
        case .web: "через консоль"
        case .email: "по почте"
        case .staff: "записано специалистом со слов клиента"
        }
    }

    static func channel(_ channel: MeteringChannel) -> String {
        switch channel {
        case .remote: "удалённый доступ"
        case .phoneInstall: "установка по телефону"
        }
    }

    static func postponeReason(_ reason: PostponeReason) -> String {
        switch reason {
        case .cannotReproduce: "не воспроизводится, нет доступа к проекту"
        case .insufficientInformation: "недостаточно информации"
        case .needsDevelopment: "нужна диагностика, доработка или обновление"
        case .requirementsViolated: "нарушены требования к системе"
        case .unlicensedCopy: "нелицензионная копия"
        case .outOfScope: "вне рамок поддержки"
        case .unconstructive: "неконструктивное обращение"
        }
    }

    static func delivery(_ state: DeliveryState) -> String {
        switch state {
        case .queued: "в очереди"
        case .sending: "отправляется"
        case .sent: "отправлено"
        case .deferred: "отложено, будет повтор"
        case .failed: "не доставлено"
        }
    }

    static func tier(_ tier: ContractTier) -> String {
        switch tier {
        case .free: "бесплатная"
        case .noncommercial: "некоммерческая"
        case .commercial: "коммерческая"
        case .vip: "VIP"
        }
    }

    static func term(_ term: ContractTerm) -> String {
        switch term {
        case .year: "год"
        case .month: "месяц"
        case .unlimited: "бессрочно"
        }
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
