import HTTPTypes

/// The security headers every answer carries, problems and HTTP-level refusals included.
///
/// HSTS (the server speaks only TLS), `nosniff` (a JSON answer is never run as a script),
/// no framing, no referrer (console pages: same-origin only, so browsers send `Origin` on their form posts), a CSP that allows nothing unless the answer set its own (the
/// invoice page allows its inline styles), and `no-store` on every answer to a request that
/// carried credentials: authenticated data stays out of shared and browser caches.
enum SecurityHeaders {
    static let strictTransportSecurity = "max-age=31536000"
    static let contentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    static func apply(to headers: inout HTTPFields, authenticated: Bool) {
        headers[.strictTransportSecurity] = strictTransportSecurity
        headers[.xContentTypeOptions] = "nosniff"
        headers[frameOptions] = "DENY"
        if headers[referrerPolicy] == nil {
            headers[referrerPolicy] = "no-referrer"
        }
        if headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        if authenticated {
            headers[.cacheControl] = "no-store"
        }
    }
}
