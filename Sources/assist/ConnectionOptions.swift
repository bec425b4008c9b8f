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
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        let environment = ProcessInfo.processInfo.environment
        if (cert ?? environment["ASSIST_CERT"]) != nil, (key ?? environment["ASSIST_KEY"]) == nil {
            throw ValidationError("--cert needs --key (or ASSIST_KEY): give the private key of the client certificate.")
        }
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
