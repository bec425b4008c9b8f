import AssistDesk
import HTTPTypes

extension Problem {
    /// The API's answer to a desk refusal: the same code, title and sentence, with the status
    /// its kind stands for. The one place desk errors meet HTTP.
    init(_ error: DeskError) {
        self.init(status: Self.status(of: error.kind), code: error.code.rawValue, title: error.title, detail: error.detail)
    }

    static func status(of kind: DeskError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .gone: .gone
        case .unprocessable: .unprocessableContent
        case .locked: .init(code: 423, reasonPhrase: "Locked")
        case .tooManyRequests: .tooManyRequests
        }
    }
}
