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
    /// A SQLite file's path or a PostgreSQL URI.
    let database: String
    /// The folder of its logs (and of its SQLite file).
    let logs: String
    let port: Int
    let admin: APIClient
    /// The first admin's token.
    let token: String

    /// Bootstraps a database with its first admin, starts `assistd serve` on a free port and
    /// waits until it answers. `database`: a `postgres://` URI of an empty database (nil: a
    /// SQLite file of its own).
    static func start(database: String? = nil, environment: [String: String] = [:]) async throws -> StartedServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = database ?? directory.appendingPathComponent("assist.sqlite").path
        let tokenFile = directory.appendingPathComponent("token").path
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let bootstrap = await ExternalProcess.run(assistd, ["admin", "bootstrap", "--database", database, "--token-file", tokenFile])
        guard bootstrap.exitCode == 0 else { throw Failure(message: "bootstrap failed: \(bootstrap.standardError)") }
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try await serve(database: database, logs: directory.path, token: token, environment: environment)
    }

    /// Another `assistd serve` on this one's database: after `kill9`, a restart; on PostgreSQL,
    /// beside it, a second node.
    func restart(environment: [String: String] = [:]) async throws -> StartedServer {
        try await Self.serve(database: database, logs: logs, token: token, environment: environment)
    }

    private static func serve(database: String, logs: String, token: String, environment: [String: String]) async throws -> StartedServer {
        // A port picked free may be taken by a concurrent test before the server binds it:
        // then the server exits at once, and it is started again on another port.
        var failures: [String] = []
        for _ in 0..<3 {
            switch try await serveOnce(database: database, logs: logs, token: token, environment: environment) {
            case .answered(let server): return server
            case .exited(let log): failures.append(log)
            }
        }
        throw Failure(message: "assistd serve exited before answering, three times: \(failures.joined(separator: " | "))")
    }

    private enum Start {
        case answered(StartedServer)
        /// The process ended before it answered; its standard error.
        case exited(String)
    }

    private static func serveOnce(database: String, logs: String, token: String, environment: [String: String]) async throws -> Start {
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let port = Tools.freePort()
        let logPath = "\(logs)/serve-\(port).log"
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { if log >= 0 { close(log) } }
        let process = try ChildProcess.spawn(
            assistd, ["serve", "--port", String(port), "--database", database,
                      "--tls-cert", Tools.development.serverChain, "--tls-key", Tools.development.serverKey,
                      "--credentials-key", TestKeys.credentialsKeyPath],
            environment: ProcessInfo.processInfo.environment.merging(TestClock.environment.merging(environment) { $1 }) { $1 },
            standardError: log >= 0 ? log : nil)
        let admin = APIClient(
            http: try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate), token: token)
        let server = StartedServer(process: process, database: database, logs: logs, port: port, admin: admin, token: token)
        func logTail() -> String {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            return String(text.suffix(2000)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Generous: a debug build starting beside the whole parallel suite can be slow.
        for _ in 0..<300 {
            if (try? await admin.request(.GET, "/v1/me")) != nil { return .answered(server) }
            if let ended = process.termination { return .exited("port \(port), \(ended): \(logTail())") }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.killIfRunning()
        throw Failure(message: "assistd did not answer on port \(port) within 30 s, still running; its log: \(logTail())")
    }

    /// What the process wrote to its standard error (its log).
    var log: String { (try? String(contentsOfFile: "\(logs)/serve-\(port).log", encoding: .utf8)) ?? "" }

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
