import Hummingbird

/// One mechanism, for every route, for what the API promises to refuse rather than guess at:
///
/// - an address written another way than its route — an empty segment (`//v1/me`, `/v1//me`)
///   or a trailing slash (`/v1/me/`) — is not that route (404, as for any unknown address);
/// - a query parameter a documented operation does not take, or one given twice, is refused
///   (400 `invalid_query`) — checked against the operation's parameters in the OpenAPI
///   document, so the document and the refusals cannot disagree.
///
/// Routes still read their parameters with `QueryParameters`, which refuses the same way.
struct StrictRequestMiddleware: RouterMiddleware {
    typealias Context = AssistRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The target as the client wrote it: the router would read `//v1/me` as `/v1/me`.
        let target = request.head.path ?? "/"
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        if path != "/", path.hasSuffix("/") || path.contains("//") {
            throw Problem.notFound(
                "There is nothing at '\(Self.shown(path))': an address has no empty segment and no trailing slash. Check it against GET /v1/openapi.json.")
        }
        if let operation = OpenAPIDocument.operation(method: request.method.rawValue, path: path) {
            _ = try QueryParameters(request, allowed: Set(operation.query))
        }
        return try await next(request, context)
    }

    /// The path as it may be quoted back: printable ASCII only (it is percent-encoded otherwise), cut short.
    private static func shown(_ path: String) -> String {
        let printable = path.unicodeScalars.filter { $0.value >= 32 && $0.value < 127 && $0 != "'" }
        let text = String(String.UnicodeScalarView(printable))
        return text.count > 100 ? String(text.prefix(100)) + "…" : text
    }
}
