import Foundation
import HTTPTypes
import Hummingbird

/// The console's answers: HTML pages with their security headers, and redirects.
enum WebPage {
    /// Scripts, styles and images only from the server itself; no inline script, no inline
    /// style, forms only to us, never framed.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// An HTML page. Never stored by a cache: pages show people's tickets, credentials and money.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentSecurityPolicy: contentSecurityPolicy,
                .cacheControl: "no-store",
                // Not `no-referrer`: with it, browsers post forms with `Origin: null`, which the
                // CSRF check refuses. Same-origin keeps every URL off other sites all the same.
                Self.referrerPolicy: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    /// "See other": after a form is posted, the browser loads `location` with GET, so a reload
    /// does not post twice.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
