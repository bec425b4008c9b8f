import AssistCore
import Foundation
import Hummingbird

/// The console's cookies. `__Host-` binds them to this host over HTTPS with `Path=/`;
/// `HttpOnly` keeps them from scripts; `SameSite=Lax` keeps them off other sites' form posts.
enum WebCookie {
    /// The session's secret (the database keeps only its hash).
    static let session = "__Host-assist-session"
    /// Before sign-in: the token the sign-in form must carry back (login CSRF).
    static let signInToken = "__Host-assist-signin"

    static func set(_ name: String, _ value: String, maxAgeSeconds: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; Secure; HttpOnly; SameSite=Lax"
        if let maxAgeSeconds { cookie += "; Max-Age=\(maxAgeSeconds)" }
        return cookie
    }

    static func clear(_ name: String) -> String {
        "\(name)=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"
    }

    /// The value of cookie `name` in the request, if sent once and plainly.
    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimming(.whitespaces) == name {
                    return String(parts[1]).trimming(.whitespaces)
                }
            }
        }
        return nil
    }
}
