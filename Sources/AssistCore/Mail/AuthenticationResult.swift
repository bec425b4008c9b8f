/// One result of an `Authentication-Results` header (RFC 8601) written by the receiving MTA:
/// `dmarc=pass header.from=example.ru` is method `dmarc`, result `pass`, and the property
/// `header.from` with its value. Methods, results and property names are lower-cased.
public struct AuthenticationResult: Sendable, Equatable, Codable {
    public let method: String
    public let result: String
    /// `ptype.property` → value, e.g. `smtp.mailfrom`, `header.d`, `header.from`.
    public let properties: [String: String]

    public init(method: String, result: String, properties: [String: String] = [:]) {
        self.method = method
        self.result = result
        self.properties = properties
    }
}
