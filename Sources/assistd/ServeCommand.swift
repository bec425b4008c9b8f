import ArgumentParser
import AssistServer
import Foundation
import Logging

/// `assistd serve`: run the HTTPS server until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTPS API (applies pending database migrations first).",
        discussion: "Each setting may also come from an ASSIST_* environment variable or the JSON file given by --config; flags win over both."
    )

    @Option(help: "JSON configuration file (ASSIST_CONFIG).")
    var config: String?
    @Option(help: "Address to listen on (ASSIST_HOST; default 127.0.0.1).")
    var host: String?
    @Option(help: "Port to listen on, 0 for any free port (ASSIST_PORT; default 8443).")
    var port: Int?
    @Option(help: "The database: a SQLite file or a postgres:// URI (ASSIST_DATABASE; default var/assist.sqlite).")
    var database: String?
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain (ASSIST_TLS_CERT; default Certs/dev/server.pem).")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key (ASSIST_TLS_KEY; default Certs/dev/server.key).")
    var tlsKey: String?
    @Option(name: .customLong("tls-client-ca"), help: "PEM CA file that verifies client certificates (ASSIST_TLS_CLIENT_CA).")
    var tlsClientCA: String?
    @Option(help: "Client certificates: none, optional or required (ASSIST_MTLS; default none).")
    var mtls: String?
    @Option(name: .customLong("credentials-key"), help: "32-byte key file sealing session credentials, mode 0600 (ASSIST_CREDENTIALS_KEY_FILE; default var/credentials.key).")
    var credentialsKey: String?

    func run() async throws {
        var flags = SettingsLoader.Flags()
        flags.configFile = config
        flags.host = host
        flags.port = port
        flags.database = database
        flags.tlsCert = tlsCert
        flags.tlsKey = tlsKey
        flags.tlsClientCA = tlsClientCA
        flags.mtls = mtls
        flags.credentialsKey = credentialsKey
        do {
            let settings = try await SettingsLoader(environment: ProcessInfo.processInfo.environment).load(flags: flags)
            var logger = Logger(label: "assistd")
            logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
            try await AssistApplication.run(settings: settings, logger: logger)
        } catch let error as StartupError {
            throw CommandFailure.exit("\(error)")
        }
    }
}
