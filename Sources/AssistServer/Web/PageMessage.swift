import Hummingbird

/// A sentence at the top of a page: what went wrong and what to do, or what was done.
struct PageMessage: Sendable {
    enum Kind: String, Sendable {
        case error
        case notice
    }

    let kind: Kind
    let text: String

    static func error(_ text: String) -> PageMessage { PageMessage(kind: .error, text: text) }
    static func notice(_ text: String) -> PageMessage { PageMessage(kind: .notice, text: text) }

    /// The notice a page shows after a redirect with `?done=key`: only keys travel in the URL,
    /// never text a person typed.
    static func done(_ request: Request, _ notices: [String: String]) -> PageMessage? {
        request.uri.queryParameters["done"].flatMap { notices[String($0)] }.map(PageMessage.notice)
    }

    var model: [String: Any] {
        ["kind": kind.rawValue, "text": text, "role": kind == .error ? "alert" : "status"]
    }
}
