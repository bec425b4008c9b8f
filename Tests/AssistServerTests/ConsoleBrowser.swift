import AssistClient
import Foundation
import Testing

/// A browser without a screen for the console's Swift tests: keeps cookies like a browser,
/// follows nothing by itself, and takes the CSRF token from the last page it loaded.
final class ConsoleBrowser: @unchecked Sendable {
    struct Page {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: String

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        var setCookies: [String] { headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value) }
        var location: String? { header("Location") }
        /// The value of the first hidden `csrf` field on the page.
        var csrf: String? { Self.attribute(after: "name=\"csrf\" value=\"", in: body) }
        /// The text of the page's `#message`, if it has one.
        var message: String? {
            guard let start = body.range(of: "id=\"message\"") else { return nil }
            let rest = body[start.upperBound...]
            guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</p>") else { return nil }
            return String(rest[rest.index(after: open)..<close.lowerBound])
        }

        static func attribute(after prefix: String, in text: String) -> String? {
            guard let start = text.range(of: prefix) else { return nil }
            let rest = text[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    let client: HTTPSClient
    /// Sent with every request besides what a browser sends (e.g. a proxy's `X-Forwarded-For`).
    var extraHeaders: [(String, String)] = []
    private(set) var cookies: [String: String] = [:]
    private(set) var lastCSRF: String?

    init(port: Int) throws {
        client = try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate)
    }

    func get(_ path: String) async throws -> Page {
        try await send("GET", path, body: nil, contentType: nil)
    }

    /// Posts `fields` as a form; the page's CSRF token is added unless `csrf` says otherwise.
    func post(_ path: String, _ fields: [(String, String)], csrf: String?? = .none) async throws -> Page {
        var all = fields
        switch csrf {
        case .none: if let token = lastCSRF { all.append(("csrf", token)) }
        case .some(let given?): all.append(("csrf", given))
        case .some(nil): break
        }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("POST", path, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    /// Signs in through the sign-in form, as a person would.
    func signIn(_ email: String, _ password: String) async throws -> Page {
        _ = try await get("/signin")
        return try await post("/signin", [("email", email), ("password", password)])
    }

    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    private func send(_ method: String, _ path: String, body: [UInt8]?, contentType: String?) async throws -> Page {
        // What a browser asks for when it loads a page.
        var headers: [(String, String)] = [("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")]
        if !cookies.isEmpty { headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        headers += extraHeaders
        let response = try await client.send(method: .init(rawValue: method), path: path, headers: headers, body: body)
        let page = Page(status: response.status, headers: response.headers, body: response.bodyText)
        for cookie in page.setCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || cookie.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = page.csrf { lastCSRF = token }
        return page
    }

    private static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
