import AssistClient
import AssistCore
import AssistServer
import AssistStore
import AssistTestSupport
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Start-up and shutdown")
struct LifecycleTests {
    @Test("graceful shutdown lets an in-flight request finish, then stops accepting")
    func inFlightRequestFinishes() async throws {
        var port = 0
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        try await LiveServer.with(configureRouter: { router in
            router.get("/test/slow") { _, _ -> String in
                startedContinuation.yield()
                try await Task.sleep(for: .milliseconds(1500))
                return "finished"
            }
        }) { boundPort, group in
            port = boundPort
            let client = try HTTPSClient(server: "https://localhost:\(boundPort)", trustRootsFile: Tools.development.caCertificate)
            async let slow = client.send(path: "/test/slow")
            // Shut down only once the request is provably inside its handler.
            var iterator = started.makeAsyncIterator()
            await iterator.next()
            await group.triggerGracefulShutdown()
            let response = try await slow
            #expect(response.status == 200)
            #expect(response.bodyText == "finished")
        }
        #expect(await Tools.curl(port, "/healthz").exitCode != 0, "no longer accepting")
    }

    @Test("assistd serve exits 0 on SIGTERM; assist health talks to it and exits 0")
    func binaryStopsOnSIGTERM() async throws {
        let started = try await StartedServer.start()
        let (server, port) = (started.process, started.port)
        defer { server.send(SIGKILL) }

        var health: ExternalProcess.Result?
        for _ in 0..<100 {
            let result = await ExternalProcess.run(
                Tools.buildDirectory.appendingPathComponent("assist").path,
                ["health", "--server", "https://localhost:\(port)", "--ca", Tools.development.caCertificate])
            if result.exitCode == 0 { health = result; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(health?.standardOutput.contains("ok — AssistBroker 0.1.0 over TLSv1.3") == true)

        server.send(SIGTERM)
        for _ in 0..<100 where server.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(server.termination == .exit(0))
    }

    @Test("assist health explains an untrusted certificate (exit 4) and an unreachable server (exit 3)")
    func clientFailureSentences() async throws {
        try await LiveServer.with { port, _ in
            let assist = Tools.buildDirectory.appendingPathComponent("assist").path
            let untrusted = await ExternalProcess.run(
                assist, ["health", "--server", "https://localhost:\(port)", "--ca", TestCertificates.foreign.caCertificate])
            #expect(untrusted.exitCode == 4)
            #expect(untrusted.standardError.contains("is not trusted"))
            #expect(untrusted.standardError.contains("--ca"))
        }
        let unreachable = await ExternalProcess.run(
            Tools.buildDirectory.appendingPathComponent("assist").path,
            ["health", "--server", "https://127.0.0.1:\(Tools.freePort())", "--ca", Tools.development.caCertificate])
        #expect(unreachable.exitCode == 3)
        #expect(unreachable.standardError.contains("connection refused"))
    }

    @Test("a port already in use stops start-up with a sentence naming --port")
    func portInUse() async throws {
        let holder = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(holder.localAddress?.port)
        defer { holder.close(promise: nil) }

        let settings = LiveServer.settings { $0.port = port }
        do {
            try await AssistApplication.run(settings: settings, logger: LiveServer.logger)
            Issue.record("start-up should have failed")
        } catch let error as StartupError {
            #expect(error.description.contains("Port \(port) on 127.0.0.1 is already in use"))
            #expect(error.description.contains("--port"))
        }
    }

    /// Settings that each make start-up impossible, by the flag that names them.
    enum UnusableSetting: String, CaseIterable, Sendable {
        case certificate = "--tls-cert"
        case key = "--tls-key"
        case clientCA = "--tls-client-ca"
        case database = "--database"
        case credentialsKey = "--credentials-key"

        func apply(to settings: inout ServerSettings) {
            switch self {
            case .certificate: settings.tlsCertificatePath = "/nonexistent/server.pem"
            case .key: settings.tlsKeyPath = TestCertificates.development.agentKey
            case .clientCA:
                settings.clientAuthentication = .required
                settings.tlsClientCAPath = "/nonexistent/ca.pem"
            case .database: settings.databasePath = "/nonexistent/folder/assist.sqlite"
            case .credentialsKey: settings.credentialsKeyPath = "/nonexistent/credentials.key"
            }
        }
    }

    @Test("unusable TLS files and database paths stop start-up with one sentence naming the setting",
          arguments: UnusableSetting.allCases)
    func badConfiguration(setting: UnusableSetting) async throws {
        let settings = LiveServer.settings { setting.apply(to: &$0) }
        do {
            _ = try await AssistApplication.build(settings: settings, logger: LiveServer.logger)
            Issue.record("start-up should have failed for \(setting.rawValue)")
        } catch {
            #expect(error.description.contains(setting.rawValue))
            #expect(error.description.hasSuffix("."))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("a PostgreSQL URI nobody answers at stops start-up with one sentence naming the setting, the URI's password replaced by ***")
    func unreachablePostgreSQL() async throws {
        let settings = LiveServer.settings {
            $0.databasePath = "postgresql://assist:s3cret-pw@127.0.0.1:1/assist?sslmode=verify-full&connect_timeout=2"
        }
        do {
            _ = try await AssistApplication.build(settings: settings, logger: LiveServer.logger)
            Issue.record("start-up should have failed")
        } catch {
            #expect(error.description.contains("--database") && error.description.contains("postgresql://assist:***@127.0.0.1:1/assist"))
            #expect(!error.description.contains("s3cret-pw"))
            #expect(error.description.hasSuffix(".") && !error.description.contains("\n"))
        }
    }

    @Test("R-5 a head of support who is a customer user, or nobody, stops start-up with a sentence naming support.headUserId")
    func headMustBeStaff() async throws {
        let path = LiveServer.settings().databasePath
        let store = try AppDatabase.openFile(atPath: path)
        let customer = try await store.createCustomer(name: "ООО Ромашка", inn: nil, kpp: nil, at: TestClock.now)
        let user = try await store.createUser(
            NewUser(displayName: "Клиент", email: "client@romashka.test", role: .customer, customerId: customer.id, phone: nil), at: TestClock.now)
        for head in [user.id, 999] {
            let settings = LiveServer.settings { $0.databasePath = path; $0.headOfSupportUserId = head }
            do {
                try await AssistApplication.run(settings: settings, logger: LiveServer.logger)
                Issue.record("start-up should have failed for head \(head)")
            } catch let error as StartupError {
                #expect(error.description.contains("support.headUserId"), "\(error)")
            }
        }
    }
}
