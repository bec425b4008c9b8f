import AssistDesk
import Hummingbird

/// A desk refusal as a page message and status: the web's one place for it (the API's is
/// `Problem+DeskError`, mail's is `MailAnswers`). Sign-in refusals are said in Russian; other
/// refusals keep the desk's sentence after a Russian heading of their kind.
extension PageMessage {
    init(_ error: DeskError) {
        let text: String = switch error.code {
        case "sign_in_failed": "Неверный e-mail или пароль. Проверьте оба поля или попросите администратора прислать ссылку для установки пароля."
        case "too_many_sign_ins": "Слишком много попыток входа. \(error.detail)"
        case "current_password_wrong": "Текущий пароль введён неверно."
        case "password_link_unusable": "Ссылка для установки пароля уже использована или устарела: попросите администратора выдать новую."
        case "session_ended": "Сеанс завершён: войдите снова."
        case "password_rejected": "Пароль не принят: \(error.detail)"
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
