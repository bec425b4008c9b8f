import AssistDesk
import Hummingbird

/// A desk refusal as a page message and status: the web's one place for it (the API's is
/// `Problem+DeskError`, mail's is `MailAnswers`). The refusals people meet most are said in
/// Russian; the rest keep the desk's sentence after a Russian heading of their kind.
extension PageMessage {
    init(_ error: DeskError) {
        let text: String = switch error.code {
        case "sign_in_failed": "Неверный e-mail или пароль. Проверьте оба поля или попросите администратора прислать ссылку для установки пароля."
        case "too_many_sign_ins": "Слишком много попыток входа: подождите несколько минут и попробуйте снова."
        case "current_password_wrong": "Текущий пароль введён неверно."
        case "password_link_unusable": "Ссылка для установки пароля уже использована, заменена новой или устарела: попросите администратора выдать новую."
        case "session_ended": "Сеанс завершён: войдите снова."
        case "password_rejected":
            "Пароль не принят: нужен пароль не короче 10 символов, без управляющих символов, не совпадающий с e-mail; оба поля должны совпадать."
        case "ticket_closed": "Заявка закрыта: для нового вопроса подайте новую заявку."
        case "ticket_not_found", "not_found", "session_not_found", "invoice_not_found", "unknown_tid":
            "Не найдено: такого нет или у вас нет к нему доступа. Проверьте адрес."
        case "forbidden": "Это действие недоступно для вашей роли."
        case "reason_required": "Укажите причину (R-4.9): без неё заявку нельзя отложить или отклонить."
        case "transition_not_allowed": "Из текущего состояния заявку нельзя перевести в выбранное."
        case "same_level": "Заявка уже на этом уровне: перевод запустил бы срок заново, ничего не изменено."
        case "no_development": "В разработку заявку передать нельзя: у VIP-заявок (R-2.5.3) и у бесплатной поддержки разработки нет. Переведите её в консультации."
        case "no_operational_level": "У этой заявки нет оперативного уровня: бесплатная поддержка — только общие вопросы, а консультации, разработка и VIP сохраняют свой уровень."
        case "not_operational": "Решать нечего: заявка не оперативная или решение уже принято."
        case "calendar_busy": "Календарь сейчас меняет другой администратор: обновите страницу и сохраните снова."
        case "already_rated": "Заявка уже оценена: оценка ставится один раз."
        case "not_resolved": "Оценить можно только решённую заявку."
        case "pin_mismatch": "PIN неверный. Проверьте цифры и введите снова; после нескольких ошибок PIN блокируется."
        case "pin_locked": "PIN заблокирован после неверных попыток: специалист выдаст новый."
        case "pin_used": "Этот PIN уже использован: подключение подтверждено."
        case "session_expired": "Время на подключение истекло: попросите специалиста открыть новый сеанс."
        case "session_not_active": "Сеанс ещё не начат или уже завершён."
        case "agent_has_running_session": "У вас уже идёт учёт времени: остановите его, прежде чем начать новый."
        // A correction of a session still running (not a second start).
        case "metered_running": "Учёт времени по этому сеансу ещё идёт: остановите его, затем исправляйте."
        case "already_stopped": "Учёт времени уже остановлен."
        case "remote_session_required": "Сначала откройте сеанс удалённого доступа и дождитесь подключения клиента (R-1.4)."
        case "phone_install_used": "Разовая установка по телефону уже использована (R-1.5): помощь — через удалённый доступ."
        case "nothing_to_invoice": "За этот период выставлять нечего: нет договоров и проверенных оплачиваемых сеансов."
        case "invoicing_not_configured": "Счета не настроены: администратор должен указать реквизиты продавца и НДС."
        case "invoice_cancelled": "Счёт уже аннулирован."
        case "attachment_refused":
            // The desk's reasons quote R-4.6 in Russian; its closing advice is the API's English one.
            "Файлы не приняты: \(error.detail.components(separatedBy: " Send the message again").first ?? "") "
                + "Отправьте сообщение без них или со снимками экрана в JPG, GIF или PNG (BMP — только в архиве ZIP)."
        case "vip_second_problem": "В VIP-заявке одна проблема (R-2.5.3): выделите вторую в новую заявку."
        case "email_taken": "Этот e-mail уже у другого пользователя."
        case "inn_taken": "Клиент с таким ИНН уже есть."
        default: "\(Self.heading(error.kind)): \(error.detail)"
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
