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
        let server = try await StartedServer.start()
        defer { server.killIfRunning() }
        let api = server.admin
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

        server.kill9()
        #expect(server.process.termination == .signal(SIGKILL))

        let reopened = try AppDatabase.openFile(atPath: server.database)
        let stored = try await reopened.tickets(customerId: nil, state: nil).map(\.tid)
        #expect(stored == acknowledged)
        #expect(try await reopened.notifications().count == acknowledged.count)
        let running = try #require(try await reopened.meteredSession(id: meteredId))
        #expect(running.stoppedAt == nil, "still running after the crash")
        let stopped = try await reopened.stopMetering(
            id: meteredId, by: Int64(agentId), byAdmin: false, maximumSeconds: 8 * 3600, at: running.startedAt.addingTimeInterval(600))
        #expect(stopped.rawSeconds == 600 && stopped.amountKopecks == 0, "timed from the stored start; the phone install is free")
    }

    @Test("under concurrent load, kill -9 loses no acknowledged ticket or level move; one confirmation per ticket; the audit log verifies")
    func survivesKill9UnderLoad() async throws {
        let server = try await StartedServer.start()
        defer { server.killIfRunning() }
        _ = try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)

        let ledger = Ledger()
        let clients = 12
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var index = 0
                        while true {
                            index += 1
                            do {
                                let body = try await server.admin.request(.POST, "/v1/tickets", json: """
                                    {"customerId":1,"senderEmail":"c\(client)@b.ru","subject":"S\(client)-\(index)","description":"D","productVersion":"1","problemClass":"standard"}
                                    """)
                                let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
                                guard let tid = (object?["ticket"] as? [String: Any])?["tid"] as? String else { return }
                                await ledger.acknowledgedTicket(tid)
                                _ = try await server.admin.request(.POST, "/v1/tickets/\(tid)/level", json: #"{"level":"consulting"}"#)
                                await ledger.acknowledgedLevelMove(tid)
                            } catch {
                                // The server is gone — or, before the kill, an answer the load did not
                                // expect: kept, so a load that stalls says why.
                                await ledger.failed(error)
                                return
                            }
                        }
                    }
                }
            }
        }
        // Kill in the middle of the load, once a fair number of writes were acknowledged: a slow
        // machine takes longer to get there (up to two minutes), it is not a reason to kill early.
        let clock = ContinuousClock()
        let started = clock.now
        while await ledger.tickets.count < 40, clock.now - started < .seconds(120), await ledger.failures.count < clients {
            try await Task.sleep(for: .milliseconds(50))
        }
        let before = await (tickets: ledger.tickets.count, failures: ledger.failures)
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...300)))
        await ledger.killing()
        server.kill9()
        await load.value
        // Two different verdicts: the load never got going (the test measured nothing), or a write was lost.
        try #require(before.tickets >= 40, """
            the load did not get going: \(before.tickets) tickets acknowledged in \(clock.now - started); \
            errors before the kill: \(before.failures.isEmpty ? "none" : before.failures.joined(separator: "; "))
            """)

        let reopened = try AppDatabase.openFile(atPath: server.database)
        let stored = Dictionary(uniqueKeysWithValues: try await reopened.tickets(customerId: nil, state: nil).map { ($0.tid, $0) })
        for tid in await ledger.tickets {
            #expect(stored[tid] != nil, "a write was lost: ticket \(tid) was acknowledged before kill -9 and is not stored")
        }
        for tid in await ledger.levelMoves {
            #expect(stored[tid]?.slaLevel == .consulting, "a write was lost: the level move of \(tid) was acknowledged before kill -9 and is not stored")
        }
        let confirmations = try await reopened.notifications().filter { $0.kind == "ticket-accepted" }
        let perTicket = Dictionary(grouping: confirmations, by: \.ticketId).mapValues(\.count)
        #expect(perTicket.count == stored.count && perTicket.values.allSatisfy { $0 == 1 }, "exactly one confirmation per stored ticket")
        let audit = await ExternalProcess.run(Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", server.database])
        #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
    }

    /// What the clients were told succeeded, and what failed before the kill.
    actor Ledger {
        var tickets: [String] = []
        var levelMoves: [String] = []
        /// Errors a client met while the server was still meant to be up.
        var failures: [String] = []
        private var killed = false
        func acknowledgedTicket(_ tid: String) { tickets.append(tid) }
        func acknowledgedLevelMove(_ tid: String) { levelMoves.append(tid) }
        func killing() { killed = true }
        func failed(_ error: any Error) { if !killed { failures.append("\(error)") } }
    }
}
