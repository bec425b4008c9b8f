import NIOHTTP1

/// Talks to the API as one user: every request carries their bearer token in the header,
/// never in a URL. A non-2xx answer is thrown as `APIProblem`.
public struct APIClient: Sendable {
    public let http: HTTPSClient
    private let token: String?

    public init(http: HTTPSClient, token: String?) {
        self.http = http
        self.token = token
    }

    /// Sends `json` (if any) and returns the body of a successful answer.
    public func request(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> [UInt8] {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        let response = try await http.send(method: method, path: path, headers: headers, body: json.map { Array($0.utf8) })
        guard (200..<300).contains(response.status) else { throw APIProblem(response: response) }
        return response.body
    }
}
