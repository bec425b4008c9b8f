import AssistClient
import AssistTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The `assistd` binary serving a fresh database in its own process, with its first admin's
/// API client: for tests that kill the process.
struct StartedServer: Sendable {
    let process: ChildProcess
    let database: String
    let port: Int
    let admin: APIClient
    /// The first admin's token.
    let token: String

    /// Bootstraps a database with its first admin, starts `assistd serve` on a free port and
    /// waits until it answers.
    static func start(environment: [String: String] = [:]) async throws -> StartedServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("assist.sqlite").path
        let tokenFile = directory.appendingPathComponent("token").path
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let bootstrap = await ExternalProcess.run(assistd, ["admin", "bootstrap", "--database", database, "--token-file", tokenFile])
        guard bootstrap.exitCode == 0 else { throw Failure(message: "bootstrap failed: \(bootstrap.standardError)") }
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try await serve(database: database, token: token, environment: environment)
    }

    /// Another `assistd serve` on this one's database (after `kill9`, a restart).
    func restart(environment: [String: String] = [:]) async throws -> StartedServer {
        try await Self.serve(database: database, token: token, environment: environment)
    }

    private static func serve(database: String, token: String, environment: [String: String]) async throws -> StartedServer {
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let port = Tools.freePort()
        let process = try ChildProcess.spawn(
            assistd, ["serve", "--port", String(port), "--database", database,
                      "--tls-cert", Tools.development.serverChain, "--tls-key", Tools.development.serverKey,
                      "--credentials-key", TestKeys.credentialsKeyPath],
            environment: environment.isEmpty ? nil : ProcessInfo.processInfo.environment.merging(environment) { $1 })
        let admin = APIClient(
            http: try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate), token: token)
        let server = StartedServer(process: process, database: database, port: port, admin: admin, token: token)
        // Generous: a debug build starting beside the whole parallel suite can be slow.
        for _ in 0..<300 {
            if (try? await admin.request(.GET, "/v1/me")) != nil { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.killIfRunning()
        throw Failure(message: "assistd did not answer on port \(port) within 30 s")
    }

    /// kill -9, and waits for the process to be gone.
    func kill9() {
        process.send(SIGKILL)
        process.waitUntilExit()
    }

    func killIfRunning() {
        if process.isRunning { kill9() }
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
