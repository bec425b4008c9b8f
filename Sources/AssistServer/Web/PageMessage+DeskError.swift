import AssistDesk
import Hummingbird

/// A desk refusal as a page message and status: the web's one place for it (the API's is
/// `Problem+DeskError`, mail's is `MailAnswers`). The refusals people meet most are said in
/// Russian; the rest keep the desk's sentence after a Russian heading of their kind. The switch
/// has no default: a new desk code does not compile until it is given its page message here.
extension PageMessage {
    init(_ error: DeskError) {
        let text: String = switch error.code {
        case .signInFailed: "Неверный e-mail или пароль. Проверьте оба поля или попросите администратора прислать ссылку для установки пароля."
        case .tooManySignIns: "Слишком много попыток входа: подождите несколько минут и попробуйте снова."
        case .currentPasswordWrong: "Текущий пароль введён неверно."
        case .passwordLinkUnusable: "Ссылка для установки пароля уже использована, заменена новой или устарела: попросите администратора выдать новую."
        case .unauthenticated: "Нужно войти: откройте страницу входа и войдите снова."
        case .sessionEnded: "Сеанс завершён: войдите снова."
        case .passwordRejected:
            "Пароль не принят: нужен пароль не короче 10 символов, без управляющих символов, не совпадающий с e-mail; оба поля должны совпадать."
        case .ticketClosed: "Заявка закрыта: для нового вопроса подайте новую заявку."
        case .ticketNotFound, .notFound, .sessionNotFound, .invoiceNotFound:
            "Не найдено: такого нет или у вас нет к нему доступа. Проверьте адрес."
        case .forbidden: "Это действие недоступно для вашей роли."
        case .reasonRequired: "Укажите причину (R-4.9): без неё заявку нельзя отложить или отклонить."
        case .transitionNotAllowed: "Из текущего состояния заявку нельзя перевести в выбранное."
        case .sameLevel: "Заявка уже на этом уровне: перевод запустил бы срок заново, ничего не изменено."
        case .noDevelopment: "В разработку заявку передать нельзя: у VIP-заявок (R-2.5.3) и у бесплатной поддержки разработки нет. Переведите её в консультации."
        case .noOperationalLevel: "У этой заявки нет оперативного уровня: бесплатная поддержка — только общие вопросы, а консультации, разработка и VIP сохраняют свой уровень."
        case .notOperational: "Решать нечего: заявка не оперативная или решение уже принято."
        case .calendarBusy: "Календарь сейчас меняет другой администратор: обновите страницу и сохраните снова."
        case .alreadyRated: "Заявка уже оценена: оценка ставится один раз."
        case .notResolved: "Оценить можно только решённую заявку."
        case .pinMismatch: "PIN неверный. Проверьте цифры и введите снова; после нескольких ошибок PIN блокируется."
        case .pinLocked: "PIN заблокирован после неверных попыток: специалист выдаст новый."
        case .pinUsed: "Этот PIN уже использован: подключение подтверждено."
        case .sessionExpired: "Время на подключение истекло: попросите специалиста открыть новый сеанс."
        case .sessionNotActive: "Сеанс ещё не начат или уже завершён."
        case .agentHasRunningSession: "У вас уже идёт учёт времени: остановите его, прежде чем начать новый."
        // A correction of a session still running (not a second start).
        case .meteredRunning: "Учёт времени по этому сеансу ещё идёт: остановите его, затем исправляйте."
        case .alreadyStopped: "Учёт времени уже остановлен."
        case .remoteSessionRequired: "Сначала откройте сеанс удалённого доступа и дождитесь подключения клиента (R-1.4)."
        case .phoneInstallUsed: "Разовая установка по телефону уже использована (R-1.5): помощь — через удалённый доступ."
        case .nothingToInvoice: "За этот период выставлять нечего: нет договоров и проверенных оплачиваемых сеансов."
        case .invoicingNotConfigured: "Счета не настроены: администратор должен указать реквизиты продавца и НДС."
        case .invoiceCancelled: "Счёт уже аннулирован."
        case .attachmentRefused:
            // The desk's reasons quote R-4.6 in Russian; its closing advice is the API's English one.
            "Файлы не приняты: \(error.detail.components(separatedBy: " Send the message again").first ?? "") "
                + "Отправьте сообщение без них или со снимками экрана в JPG, GIF или PNG (BMP — только в архиве ZIP)."
        case .vipSecondProblem: "В VIP-заявке одна проблема (R-2.5.3): выделите вторую в новую заявку."
        case .emailTaken: "Этот e-mail уже у другого пользователя."
        case .innTaken: "Клиент с таким ИНН уже есть."
        // These keep the desk's sentence (it names the field, the id or the setting to fix) after
        // a Russian heading of their kind.
        case .agentHoldsVipTickets, .agentNotAvailable, .ambiguousSender, .credentialsKeyMissing, .credentialsWiped, .customerNotFound,
            .dateOutOfRange, .groupNameTaken, .invalidCalendar, .invalidEmail, .invalidField, .invalidInn, .invalidKpp, .invalidPhone,
            .invalidRemoteId, .invalidToken, .lastAdmin, .meteredInvoiced, .noAgentOnDuty, .noSender, .notOpenVip, .phoneInstallAvailable,
            .senderNotAllowed, .ticketNotOpen, .termNotOffered, .unknownSender, .userDisabled, .userWithoutEmail, .vipMonthPriceMissing:
            "\(Self.heading(error.kind)): \(error.detail)"
        }
        self.init(kind: .error, text: text)
    }

    private static func heading(_ kind: DeskError.Kind) -> String {
        switch kind {
        case .invalid, .unprocessable: "Не принято"
        case .unauthenticated: "Нужно войти"
        case .forbidden: "Нет прав"
        case .notFound: "Не найдено"
        case .conflict, .locked: "Сейчас нельзя"
        case .gone: "Больше недоступно"
        case .tooManyRequests: "Слишком много попыток"
        }
    }
}

extension DeskError {
    /// The status a page showing this refusal answers with.
    var pageStatus: HTTPResponse.Status { Problem.status(of: kind) }
}
