import AssistCore
import AssistServer
import AssistTestSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the real server (the production builder, real TLS, a real database file) on a free
/// port for the duration of a test body.
enum LiveServer {
    static func settings(_ change: (inout ServerSettings) -> Void = { _ in }) -> ServerSettings {
        var settings = ServerSettings()
        settings.host = "127.0.0.1"
        settings.port = 0
        settings.databasePath = FileManager.default.temporaryDirectory
            .appendingPathComponent("assist-test-\(UUID().uuidString).sqlite").path
        settings.tlsCertificatePath = TestCertificates.development.serverChain
        settings.tlsKeyPath = TestCertificates.development.serverKey
        settings.credentialsKeyPath = TestKeys.credentialsKeyPath
        change(&settings)
        return settings
    }

    static var logger: Logger {
        var logger = Logger(label: "assist-test")
        logger.logLevel = .error
        return logger
    }

    /// Starts the server, hands its port and service group to `body`, then shuts it down gracefully.
    /// `clock`: what the server decides by; the suite's clock unless a test brings its own.
    static func with(
        _ settings: ServerSettings = settings(),
        logger: Logger = logger,
        clock: any WallClock = TestClock.shared,
        configureRouter: (Router<AssistRequestContext>) -> Void = { _ in },
        _ body: (_ port: Int, _ group: ServiceGroup) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = try await AssistApplication.build(
            settings: settings, logger: logger, clock: clock,
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            configureRouter: configureRouter)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            do {
                try await body(port, group)
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
