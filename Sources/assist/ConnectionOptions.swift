import ArgumentParser
import AssistClient
import Foundation

/// Where the server is and how to trust it; shared by every subcommand.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server address, https://host:port (ASSIST_SERVER; default https://localhost:8443).")
    var server: String?
    @Option(help: "PEM CA file that issued the server's certificate (ASSIST_CA; default Certs/dev/ca.pem if present, else the system store).")
    var ca: String?
    @Option(help: "PEM client certificate for mutual TLS (ASSIST_CERT).")
    var cert: String?
    @Option(help: "PEM private key of the client certificate (ASSIST_KEY).")
    var key: String?
    @Option(help: "File holding your bearer token (ASSIST_TOKEN_FILE; or put the token itself in ASSIST_TOKEN).")
    var tokenFile: String?
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        let environment = ProcessInfo.processInfo.environment
        if (cert ?? environment["ASSIST_CERT"]) != nil, (key ?? environment["ASSIST_KEY"]) == nil {
            throw ValidationError("--cert needs --key (or ASSIST_KEY): give the private key of the client certificate.")
        }
    }

    /// The token, from ASSIST_TOKEN or a file: never a command-line argument, which other
    /// users could read in the process list and which lands in shell history.
    func token() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = tokenFile ?? environment["ASSIST_TOKEN_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("The token file \(path) cannot be read: check the path (--token-file, ASSIST_TOKEN_FILE).")
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return environment["ASSIST_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func makeAPIClient() throws -> APIClient {
        APIClient(http: try makeClient(), token: try token())
    }

    func makeClient() throws -> HTTPSClient {
        let environment = ProcessInfo.processInfo.environment
        let developmentCA = "Certs/dev/ca.pem"
        let trustRoots = ca ?? environment["ASSIST_CA"]
            ?? (FileManager.default.fileExists(atPath: developmentCA) ? developmentCA : nil)
        return try HTTPSClient(
            server: server ?? environment["ASSIST_SERVER"] ?? "https://localhost:8443",
            trustRootsFile: trustRoots,
            certificateChainFile: cert ?? environment["ASSIST_CERT"],
            privateKeyFile: key ?? environment["ASSIST_KEY"]
        )
    }
}
