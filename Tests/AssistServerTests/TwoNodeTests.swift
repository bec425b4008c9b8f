import AssistClient
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// Two `assistd serve` processes on one PostgreSQL database, as two nodes behind a load balancer:
/// what one SQLite writer gave for free holds when requests race from both.
@Suite("Two nodes on one PostgreSQL database")
struct TwoNodeTests {
    static let seller = [
        "ASSIST_SELLER_NAME": "ООО «Истом»", "ASSIST_SELLER_INN": "7707083893", "ASSIST_SELLER_KPP": "773601001",
        "ASSIST_SELLER_ADDRESS": "Москва, ул. Примерная, 1", "ASSIST_SELLER_BANK": "ПАО Сбербанк", "ASSIST_SELLER_BIK": "044525225",
        "ASSIST_SELLER_ACCOUNT": "40702810938000000001", "ASSIST_SELLER_CORRESPONDENT_ACCOUNT": "30101810400000000225",
        "ASSIST_BILLING_VAT": "22",
    ]

    /// Node A (bootstrapped) and node B, serving one new database.
    static func nodes() async throws -> (a: StartedServer, b: StartedServer) {
        let a = try await StartedServer.start(database: try await TestPostgres.database(), environment: seller)
        do {
            return (a, try await a.restart(environment: seller))
        } catch {
            a.killIfRunning()
            throw error
        }
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// The problem code a refused request answered, or "ok".
    static func outcome(_ call: () async throws -> [UInt8]) async -> String {
        do {
            _ = try await call()
            return "ok"
        } catch let problem as APIProblem {
            return problem.code
        } catch {
            return "\(error)"
        }
    }

    /// A customer, its user's API on `node`, and a ticket of its on which staff work.
    static func customer(_ name: String, on a: StartedServer) async throws -> (id: Int, tid: String) {
        let customer = try object(try await a.admin.request(.POST, "/v1/customers", json: #"{"name":"\#(name)"}"#))
        let id = try #require(customer["id"] as? Int)
        let ticket = try object(try await a.admin.request(
            .POST, "/v1/tickets",
            json: #"{"customerId":\#(id),"senderEmail":"boss@\#(id).test","subject":"S","description":"D","productVersion":"1","problemClass":"standard"}"#))
        return (id, try #require((ticket["ticket"] as? [String: Any])?["tid"] as? String))
    }

    /// A user of `role` (of `customerId`) and an API client with its token on each node.
    static func user(_ role: String, customerId: Int? = nil, on nodes: (a: StartedServer, b: StartedServer)) async throws -> (id: Int, a: APIClient, b: APIClient) {
        let customer = customerId.map { #","customerId":\#($0)"# } ?? ""
        let user = try object(try await nodes.a.admin.request(.POST, "/v1/users", json: #"{"displayName":"\#(role)","role":"\#(role)"\#(customer)}"#))
        let id = try #require(user["id"] as? Int)
        let token = try #require(try object(try await nodes.a.admin.request(.POST, "/v1/users/\(id)/tokens", json: "{}"))["token"] as? String)
        return (id, APIClient(http: nodes.a.admin.http, token: token), APIClient(http: nodes.b.admin.http, token: token))
    }

    @Test("invoice numbers stay gapless and unique while both nodes issue at once; the same customer's period is billed once; the audit chain verifies")
    func invoices() async throws {
        let (a, b) = try await Self.nodes()
        defer { a.killIfRunning(); b.killIfRunning() }
        var customers: [Int] = []
        var today = ""
        for index in 0..<12 {
            let (id, _) = try await Self.customer("ООО Заказчик \(index)", on: a)
            let contract = try Self.object(try await a.admin.request(.POST, "/v1/customers/\(id)/contracts", json: #"{"tier":"commercial"}"#))
            today = try #require(contract["startsOn"] as? String)
            customers.append(id)
        }
        let period = #""from":"\#(today)","to":"\#(today)""#
        // Every customer invoiced once, from alternating nodes; the first one twice, from both.
        let invoiced = customers, twice = customers[0]
        let outcomes = try await withThrowingTaskGroup(of: (Int, String?, String).self) { group in
            for (index, id) in invoiced.enumerated() {
                let node = index % 2 == 0 ? a : b
                group.addTask {
                    do {
                        let invoice = try Self.object(try await node.admin.request(.POST, "/v1/invoices", json: #"{"customerId":\#(id),\#(period)}"#))
                        return (id, invoice["number"] as? String, "ok")
                    } catch let problem as APIProblem {
                        return (id, nil, problem.code)
                    }
                }
            }
            group.addTask {
                do {
                    let invoice = try Self.object(try await b.admin.request(.POST, "/v1/invoices", json: #"{"customerId":\#(twice),\#(period)}"#))
                    return (twice, invoice["number"] as? String, "ok")
                } catch let problem as APIProblem {
                    return (twice, nil, problem.code)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let numbers = outcomes.compactMap(\.1).sorted()
        let year = String(today.prefix(4))
        #expect(numbers == (1...12).map { String(format: "\(year)-%06d", $0) }, "12 invoices numbered 1…12 with no gap and no repeat: \(numbers)")
        #expect(outcomes.filter { $0.2 == "nothing_to_invoice" }.count == 1, "the customer invoiced from both nodes at once is billed once: \(outcomes.map(\.2))")
        let audit = await ExternalProcess.run(Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", a.database])
        #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
    }

    @Test("R-3.2 one running timer per agent and R-1.5 one phone install per customer, when both nodes start at once")
    func timersAndPhoneInstalls() async throws {
        let nodes = try await Self.nodes()
        defer { nodes.a.killIfRunning(); nodes.b.killIfRunning() }
        let agent = try await Self.user("agent", on: nodes)
        let other = try await Self.user("agent", on: nodes)
        for round in 0..<4 {
            let first = try await Self.customer("ООО Первый \(round)", on: nodes.a), second = try await Self.customer("ООО Второй \(round)", on: nodes.a)
            // One agent starts timed help on two tickets at once, one request per node.
            let metered = #"{"kind":"install","channel":"phone-install"}"#
            async let onA = Self.outcome { try await agent.a.request(.POST, "/v1/tickets/\(first.tid)/metered", json: metered) }
            async let onB = Self.outcome { try await agent.b.request(.POST, "/v1/tickets/\(second.tid)/metered", json: metered) }
            let starts = await [onA, onB].sorted()
            #expect(starts == ["agent_has_running_session", "ok"], "round \(round): \(starts)")
            // Two agents spend one customer's one-time phone install at once, one per node.
            let third = try await Self.customer("ООО Третий \(round)", on: nodes.a)
            async let installA = Self.outcome { try await other.a.request(.POST, "/v1/tickets/\(third.tid)/phone-install") }
            async let installB = Self.outcome { try await nodes.b.admin.request(.POST, "/v1/tickets/\(third.tid)/phone-install") }
            let installs = await [installA, installB].sorted()
            #expect(installs == ["ok", "phone_install_used"], "round \(round): \(installs)")
            // The agent's running timer is stopped on the other node, for the next round.
            let sessions = try #require(try JSONSerialization.jsonObject(with: Data(try await agent.b.request(.GET, "/v1/metered"))) as? [[String: Any]])
            for session in sessions where session["stoppedAt"] == nil || session["stoppedAt"] is NSNull {
                _ = try await agent.b.request(.POST, "/v1/metered/\(try #require(session["id"] as? Int))/stop")
            }
        }
    }

    @Test("R-1.4 five wrong PINs spread over both nodes lock the session on both: the right PIN is then refused on either")
    func pinLockoutShared() async throws {
        let nodes = try await Self.nodes()
        defer { nodes.a.killIfRunning(); nodes.b.killIfRunning() }
        let agent = try await Self.user("agent", on: nodes)
        let (customerId, tid) = try await Self.customer("ООО Ромашка", on: nodes.a)
        let customer = try await Self.user("customer", customerId: customerId, on: nodes)
        let opened = try Self.object(try await agent.a.request(.POST, "/v1/tickets/\(tid)/sessions", json: #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#))
        let id = try #require((opened["session"] as? [String: Any])?["id"] as? Int)
        let pin = try #require((opened["credentials"] as? [String: Any])?["pin"] as? String)
        let wrong = pin == "000000" ? "111111" : "000000"
        var answers: [String] = []
        for attempt in 0..<5 {
            let node = attempt % 2 == 0 ? customer.a : customer.b
            answers.append(await Self.outcome { try await node.request(.POST, "/v1/sessions/\(id)/join", json: #"{"pin":"\#(wrong)"}"#) })
        }
        #expect(answers == ["pin_mismatch", "pin_mismatch", "pin_mismatch", "pin_mismatch", "pin_locked"], "\(answers)")
        #expect(await Self.outcome { try await customer.b.request(.POST, "/v1/sessions/\(id)/join", json: #"{"pin":"\#(pin)"}"#) } == "pin_locked")
        #expect(await Self.outcome { try await customer.a.request(.POST, "/v1/sessions/\(id)/join", json: #"{"pin":"\#(pin)"}"#) } == "pin_locked")
    }

    @Test("kill -9 of one node under load from a dozen clients spread over both: every acknowledged write is found, the other node serves on, the audit chain verifies")
    func killOneNode() async throws {
        let (a, b) = try await Self.nodes()
        defer { a.killIfRunning(); b.killIfRunning() }
        _ = try await a.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
        let ledger = Ledger()
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for client in 0..<12 {
                    let node = client % 2 == 0 ? a : b
                    group.addTask {
                        var index = 0
                        while await !ledger.stopping {
                            index += 1
                            do {
                                let body = try await node.admin.request(.POST, "/v1/tickets", json: """
                                    {"customerId":1,"senderEmail":"c\(client)@b.ru","subject":"S\(client)-\(index)","description":"D","productVersion":"1","problemClass":"standard"}
                                    """)
                                guard let tid = (try Self.object(body)["ticket"] as? [String: Any])?["tid"] as? String else { return }
                                await ledger.acknowledged(tid, onB: node.port == b.port)
                                _ = try await node.admin.request(.POST, "/v1/tickets/\(tid)/level", json: #"{"level":"consulting"}"#)
                                await ledger.moved(tid)
                            } catch {
                                await ledger.failed(error, onB: node.port == b.port)
                                return
                            }
                        }
                    }
                }
            }
        }
        let clock = ContinuousClock(), started = clock.now
        while await ledger.tickets.count < 40, clock.now - started < .seconds(120) { try await Task.sleep(for: .milliseconds(50)) }
        await ledger.killing()
        a.kill9()
        let afterKill = await ledger.onB
        while await ledger.onB < afterKill + 20, clock.now - started < .seconds(180), await ledger.failuresOnB.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
        }
        await ledger.stop()
        await load.value
        let failuresOnB = await ledger.failuresOnB, servedOnB = await ledger.onB
        #expect(failuresOnB.isEmpty, "node B failed while node A died: \(failuresOnB)")
        #expect(servedOnB >= afterKill + 20, "node B served on after node A was killed: \(servedOnB - afterKill) tickets since")
        for tid in await ledger.tickets {
            let ticket = try? Self.object(try await b.admin.request(.GET, "/v1/tickets/\(tid)"))
            #expect(ticket != nil, "ticket \(tid) was acknowledged and is not stored")
        }
        for tid in await ledger.levelMoves {
            let ticket = try Self.object(try await b.admin.request(.GET, "/v1/tickets/\(tid)"))
            let level = (ticket["ticket"] as? [String: Any])?["slaLevel"] as? String
            #expect(level == "consulting", "the level move of \(tid) was acknowledged and is not stored")
        }
        let audit = await ExternalProcess.run(Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", a.database])
        #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
    }

    /// What the clients were told succeeded, and what failed.
    actor Ledger {
        var tickets: [String] = []
        var levelMoves: [String] = []
        /// Tickets node B acknowledged.
        var onB = 0
        var failuresOnB: [String] = []
        var stopping = false
        private var killed = false
        func acknowledged(_ tid: String, onB: Bool) {
            tickets.append(tid)
            if onB { self.onB += 1 }
        }
        func moved(_ tid: String) { levelMoves.append(tid) }
        func killing() { killed = true }
        func stop() { stopping = true }
        /// Node A's clients fail once it is killed; node B's never should.
        func failed(_ error: any Error, onB: Bool) { if onB || !killed { failuresOnB.append("\(error)") } }
    }

    @Test("10 000 letters drained by both nodes' delivery services into one relay: each Message-ID arrives exactly once, every letter is sent")
    func outboxDrainedOnce() async throws {
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString.prefix(8)).log").path
        _ = FileManager.default.createFile(atPath: record, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: record) }
        let letters = 10_000
        let uri = try await TestPostgres.database()
        try await MailPeers.withPeer("sink:\(record)", certificate: nil) { port in
            let mail = ["ASSIST_MAIL_RELAY": "smtp+plain://127.0.0.1:\(port)", "ASSIST_MAIL_FROM": "support@desk.test"]
            let a = try await StartedServer.start(database: uri, environment: mail)
            defer { a.killIfRunning() }
            let b = try await a.restart(environment: mail)
            defer { b.killIfRunning() }
            // Queued at once, as a busy day's letters wait in the outbox; both nodes' services take them.
            try await TestPostgres.blocking {
                try PostgresConnection(uri: uri).execute("""
                    INSERT INTO notification (kind, recipient, subject, body, createdAt)
                    SELECT 'agent-reply', 'client' || n || '@customer.test', 'Ответ ' || n, 'Текст', now() FROM generate_series(1, \(letters)) AS n
                    """)
            }
            let clock = ContinuousClock(), started = clock.now
            var sent = 0
            while sent < letters, clock.now - started < .seconds(300) {
                try await Task.sleep(for: .milliseconds(250))
                sent = Int(try await TestPostgres.blocking {
                    try PostgresConnection(uri: uri).query("SELECT count(*) AS n FROM notification WHERE state = 'sent'").int(0, "n") ?? 0
                })
            }
            #expect(sent == letters, "every letter sent within 5 minutes: \(sent)")
            let arrived = ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map { $0.dropFirst("data ".count) }
            let counts = Dictionary(grouping: arrived, by: { $0 }).mapValues(\.count)
            #expect(arrived.count == letters && counts.count == letters, "each Message-ID once: \(arrived.count) arrivals, \(counts.count) distinct")
        }
    }
}
