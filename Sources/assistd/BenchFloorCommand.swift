import ArgumentParser
import AssistServer
import Foundation
import Logging

/// `assistd bench-floor`: serves only a bare `/healthz` on our HTTP and TLS stack, for
/// `Scripts/bench` to measure the floor our own request path is compared with.
struct BenchFloorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-floor",
        abstract: "Serve a bare /healthz on the server's Hummingbird + OpenSSL TLS stack (for Scripts/bench).",
        shouldDisplay: false
    )

    @Option(help: "Port to listen on.")
    var port: Int = 18445
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain.")
    var tlsCert: String = "Certs/dev/server.pem"
    @Option(name: .customLong("tls-key"), help: "PEM private key.")
    var tlsKey: String = "Certs/dev/server.key"
    @Option(help: "The body /healthz answers (the same bytes as the server's, for a fair comparison).")
    var body: String = #"{"status":"ok"}"#

    func run() async throws {
        var settings = ServerSettings()
        settings.port = port
        settings.tlsCertificatePath = tlsCert
        settings.tlsKeyPath = tlsKey
        var logger = Logger(label: "assistd-bench-floor")
        logger.logLevel = .warning
        try await BenchmarkFloor.run(settings: settings, body: body, logger: logger)
    }
}
