import AssistClient
import AssistCore
import AssistStore
import AssistTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Durability")
struct DurabilityTests {
    @Test("every write the API acknowledged survives kill -9 of the server, a running metered session (R-3.2) included")
    func survivesKill9() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = directory.appendingPathComponent("assist.sqlite").path
        let tokenFile = directory.appendingPathComponent("token").path
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let bootstrap = await ExternalProcess.run(assistd, ["admin", "bootstrap", "--database", database, "--token-file", tokenFile])
        #expect(bootstrap.exitCode == 0, "\(bootstrap.standardError)")
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        let port = Tools.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: assistd)
        server.arguments = ["serve", "--port", String(port), "--database", database,
                            "--tls-cert", Tools.development.serverChain, "--tls-key", Tools.development.serverKey,
                            "--credentials-key", TestKeys.credentialsKeyPath]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        let api = APIClient(
            http: try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate), token: token)
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await api.request(.GET, "/v1/me")) != nil
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ready)
        _ = try await api.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
        var acknowledged: [String] = []
        for index in 0..<20 {
            let body = try await api.request(
                .POST, "/v1/tickets",
                json: #"{"customerId":1,"senderEmail":"a@b.ru","subject":"S\#(index)","description":"D","productVersion":"1","problemClass":"standard"}"#)
            let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            acknowledged.append(try #require((object?["ticket"] as? [String: Any])?["tid"] as? String))
        }

        let agent = try JSONSerialization.jsonObject(with: Data(try await api.request(
            .POST, "/v1/users", json: #"{"displayName":"Агент","role":"agent"}"#))) as? [String: Any]
        let agentId = try #require(agent?["id"] as? Int)
        let issued = try JSONSerialization.jsonObject(with: Data(try await api.request(.POST, "/v1/users/\(agentId)/tokens", json: "{}"))) as? [String: Any]
        let agentAPI = APIClient(http: api.http, token: try #require(issued?["token"] as? String))
        let started = try JSONSerialization.jsonObject(with: Data(try await agentAPI.request(
            .POST, "/v1/tickets/\(acknowledged[0])/metered", json: #"{"kind":"install","channel":"phone-install"}"#))) as? [String: Any]
        let meteredId = Int64(try #require(started?["id"] as? Int))

        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        #expect(server.terminationReason == .uncaughtSignal)

        let reopened = try AppDatabase.openFile(atPath: database)
        let stored = try await reopened.tickets(customerId: nil, state: nil).map(\.tid)
        #expect(stored == acknowledged)
        #expect(try await reopened.notifications().count == acknowledged.count)
        let running = try #require(try await reopened.meteredSession(id: meteredId))
        #expect(running.stoppedAt == nil, "still running after the crash")
        let stopped = try await reopened.stopMetering(
            id: meteredId, by: Int64(agentId), byAdmin: false, maximumSeconds: 8 * 3600, at: running.startedAt.addingTimeInterval(600))
        #expect(stopped.rawSeconds == 600 && stopped.amountKopecks == 0, "timed from the stored start; the phone install is free")
    }
}
