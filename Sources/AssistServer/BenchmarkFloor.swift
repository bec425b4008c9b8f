import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpenSSLTLS
import ServiceLifecycle

/// The floor our own code can reach, for `Scripts/bench`: the same Hummingbird + OpenSSLTLS
/// stack as the server (the same TLS child channel, limits and connection cap) with one bare
/// route, no middleware, no database and a fixed body. Our `/healthz` against it shows what
/// our own request path costs; it against nginx shows the framework's share.
public enum BenchmarkFloor {
    public static func run(settings: ServerSettings, body: String, logger: Logger) async throws {
        let tlsContext = try AssistApplication.makeTLSContext(settings)
        let router = Router(context: BasicRequestContext.self)
        let bytes = ByteBuffer(string: body)
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: bytes))
        }
        let application = Application(
            router: router, server: AssistApplication.makeServer(settings, tlsContext: tlsContext, logger: logger),
            configuration: AssistApplication.applicationConfiguration(settings, logger: logger), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
