import AssistCore
import AssistMail
import AssistServer
import AssistStore
import AssistTestSupport
import Foundation
import Testing

/// E-mail out, against real mail servers: Postfix on loopback for what a customer's mail
/// client receives, scripted SMTP peers for each way a relay can fail.
@Suite("E-mail out through a real relay (R-4.3, R-4.4, R-4.10)", .serialized)
struct MailDeliveryTests {
    static let customer = "alice@customer.test"

    func delivery(port: Int, outbox: AppDatabase, trust: String? = Tools.development.caCertificate, retry: RetrySchedule = RetrySchedule()) throws -> OutboxDeliveryService {
        let relay = try SMTPRelay.parse("smtp://localhost:\(port)").get()
        let client = try SMTPClient(relay: relay, trustRootsFile: trust, credentials: nil, heloName: "desk.test")
        var settings = OutboxDeliveryService.Settings(from: "support@desk.test")
        settings.retry = retry
        return OutboxDeliveryService(
            outbox: outbox, client: client, settings: settings, sealer: OpenSSLSealer(key: TestKeys.credentialsKey), clock: TestClock.shared,
            logger: LiveServer.logger)
    }

    /// An agent files a ticket for alice@customer.test; its confirmation is queued.
    func fileForAlice(_ f: AccountFixture, subject: String = "Не запускается «Склад»") async throws -> String {
        let body = #"{"customerId":\#(f.customerA.id),"senderEmail":"\#(Self.customer)","subject":"\#(subject)","description":"Ошибка при запуске","productVersion":"5.2","problemClass":"standard"}"#
        let filed = try await f.call(f.agent, "POST", "/v1/tickets", body)
        #expect(filed.status == 201, "\(filed.body)")
        return try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
    }

    func registration(_ f: AccountFixture, _ tid: String) async throws -> String? {
        (try JSONSerialization.jsonObject(with: Data(try await f.call(f.agent, "GET", "/v1/tickets/\(tid)").body.utf8)) as? [String: Any])?["registration"] as? String
    }

    @Test("R-4.3 / R-4.4 / R-4.10 the confirmation and an agent's reply reach the customer's mailbox through Postfix over verified STARTTLS: Russian subject with the TID, our Message-ID, threaded, auto-generated; the ticket turns accepted")
    func deliversThroughPostfix() async throws {
        try await MailPeers.withPostfix { postfix in
            try await AccountFixture.withLiveServer { f in
                let tid = try await fileForAlice(f)
                #expect(try await registration(f, tid) == "pending", "R-4.10: pending until the relay took the confirmation")
                #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Пришлите, пожалуйста, журнал <ошибок> & версию"}"#).status == 201)
                let service = try delivery(port: postfix.port, outbox: f.store)
                #expect(try await service.deliverDue() == 2)

                var messages: [[String: String]] = []
                for _ in 0..<50 where messages.count < 2 {
                    messages = await postfix.delivered(to: "customer.test/alice")
                    if messages.count < 2 { try await Task.sleep(for: .milliseconds(100)) }
                }
                try #require(messages.count == 2, "both letters delivered")
                let confirmation = try #require(messages.first { $0["subject"]?.contains("Обращение принято") == true })
                let reply = try #require(messages.first { $0["subject"]?.contains("Ответ поддержки") == true })
                #expect(confirmation["subject"] == "[\(tid)] Обращение принято: Не запускается «Склад»")
                #expect(confirmation["text"]?.contains("бесплатная поддержка, обычный вопрос") == true, "the level in Russian words")
                #expect(confirmation["messageId"]?.hasSuffix("@desk.test>") == true)
                #expect(confirmation["autoSubmitted"] == "auto-generated")
                #expect(confirmation["from"]?.contains("support@desk.test") == true)
                #expect(reply["inReplyTo"] == confirmation["messageId"] && reply["references"] == confirmation["messageId"], "threaded under the confirmation")
                #expect(reply["text"]?.contains("Пришлите, пожалуйста, журнал <ошибок> & версию") == true)
                #expect(reply["html"]?.contains("журнал &lt;ошибок&gt; &amp; версию") == true, "the HTML part escapes what the agent typed")
                #expect(reply["subject"]?.contains("[\(tid)]") == true)

                let outbox = try await f.store.notifications()
                #expect(outbox.allSatisfy { $0.state == .sent && $0.lastReply?.hasPrefix("250") == true }, "\(outbox.map { "\($0.state) \($0.lastReply ?? "")" })")
                #expect(try await registration(f, tid) == "accepted")
                #expect(try await service.deliverDue() == 0, "nothing is sent twice")
            }
        }
    }

    @Test("two delivery services at once claim each notification once: every letter arrives exactly once")
    func claimsAreExclusive() async throws {
        try await MailPeers.withPostfix { postfix in
            try await AccountFixture.withLiveServer { f in
                for index in 0..<12 { _ = try await fileForAlice(f, subject: "Вопрос \(index)") }
                let first = try delivery(port: postfix.port, outbox: f.store), second = try delivery(port: postfix.port, outbox: f.store)
                async let a = first.deliverDue()
                async let b = second.deliverDue()
                let claimed = try await a + b
                #expect(claimed == 12)
                var messages: [[String: String]] = []
                for _ in 0..<80 where messages.count < 12 {
                    messages = await postfix.delivered(to: "customer.test/alice")
                    if messages.count < 12 { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(messages.count == 12)
                #expect(Set(messages.compactMap { $0["messageId"] }).count == 12, "no letter twice")
            }
        }
    }

    /// A self-signed certificate: a relay whose CA we do not trust.
    static func foreignCertificate() async throws -> (chain: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("foreign-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let chain = directory.appendingPathComponent("cert.pem").path, key = directory.appendingPathComponent("key.pem").path
        let made = await ExternalProcess.run("openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", chain,
        ])
        try #require(made.exitCode == 0, "\(made.standardError)")
        return (chain, key)
    }

    @Test("each way a relay fails has its delivery state", arguments: [
        ("rcpt-451", "deferred", "451"), ("greet-421", "deferred", "421"), ("drop-after-mail", "deferred", "closed"),
        ("rcpt-550", "failed", "550"), ("foreign-ca", "deferred", "certificate"), ("no-starttls", "deferred", "STARTTLS"),
        // The same refusals from a relay that offers PIPELINING: MAIL, RCPT and DATA leave together.
        ("rcpt-451+pipelining", "deferred", "451"), ("rcpt-550+pipelining", "failed", "550"), ("drop-after-mail+pipelining", "deferred", "closed"),
    ])
    func relayOutcomes(mode: String, state: String, reason: String) async throws {
        let certificate: (chain: String, key: String)? = switch mode {
        case "foreign-ca": try await Self.foreignCertificate()
        case "no-starttls", "greet-421": nil
        default: (Tools.development.serverChain, Tools.development.serverKey)
        }
        try await MailPeers.withPeer(mode == "foreign-ca" ? "accept" : mode, certificate: certificate) { port in
            try await AccountFixture.withLiveServer { f in
                let tid = try await fileForAlice(f)
                let started = TestClock.now
                #expect(try await delivery(port: port, outbox: f.store).deliverDue() == 1)
                let letter = try #require(try await f.store.notifications().first)
                #expect(letter.state.rawValue == state, "\(mode): \(letter.state) \(letter.lastReply ?? "")")
                #expect(letter.lastReply?.localizedCaseInsensitiveContains(reason) == true, "\(mode): \(letter.lastReply ?? "")")
                #expect(try await registration(f, tid) == "pending", "not accepted by a relay: still pending")
                if state == "deferred" {
                    let next = try #require(letter.nextAttemptAt)
                    #expect(next.timeIntervalSince(started) >= 59 && next.timeIntervalSince(started) < 120, "the first retry after a minute")
                } else {
                    #expect(try await f.store.flaggedAddresses().map(\.address) == [Self.customer], "the address is flagged")
                    let notice = try await f.store.notifications().filter { $0.kind == "mail-failed" }
                    #expect(notice.map(\.recipient) == [f.admin.user.email ?? ""], "staff are told")
                    #expect(try await f.store.auditEntries(subject: "notification:\(letter.id)").contains { $0.action == "mail.failed" })
                }
            }
        }
    }

    @Test("a message that keeps failing is given up after the configured time; an admin can queue it again")
    func retriesRunOut() async throws {
        try await MailPeers.withPeer("rcpt-451", certificate: (Tools.development.serverChain, Tools.development.serverKey)) { port in
            try await AccountFixture.withLiveServer { f in
                _ = try await fileForAlice(f)
                let service = try delivery(port: port, outbox: f.store, retry: RetrySchedule(delays: [60], giveUpAfter: 30))
                #expect(try await service.deliverDue() == 1)
                let letter = try #require(try await f.store.notifications().first { $0.kind == "ticket-accepted" })
                #expect(letter.state == .failed && letter.lastReply?.contains("retries exhausted") == true, "\(letter.lastReply ?? "")")
                #expect(try await f.call(f.agent, "POST", "/v1/notifications/\(letter.id)/retry").status == 403, "admins retry")
                let retried = try await f.call(f.admin, "POST", "/v1/notifications/\(letter.id)/retry")
                #expect(retried.status == 200 && retried.body.contains(#""state":"queued""#), "\(retried.body)")
                let flagged = try await f.call(f.agent, "GET", "/v1/notifications/flagged-addresses")
                #expect(flagged.body.contains(Self.customer))
            }
        }
    }

    @Test("assistd serve with mail.relay set delivers the outbox by itself, and /healthz says mail is delivering")
    func serverDeliversOnItsOwn() async throws {
        try await MailPeers.withPostfix { postfix in
            let server = try await StartedServer.start(environment: [
                "ASSIST_MAIL_RELAY": "smtp://localhost:\(postfix.port)", "ASSIST_MAIL_FROM": "support@desk.test",
                "ASSIST_MAIL_RELAY_CA": Tools.development.caCertificate,
            ])
            defer { server.killIfRunning() }
            let health = try await server.admin.http.send(path: "/healthz")
            #expect(health.bodyText.contains(#""mail":"delivering""#), "\(health.bodyText)")
            _ = try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
            _ = try await server.admin.request(.POST, "/v1/tickets", json: """
                {"customerId":1,"senderEmail":"\(Self.customer)","subject":"Письмом","description":"D","productVersion":"1","problemClass":"standard"}
                """)
            var messages: [[String: String]] = []
            for _ in 0..<100 where messages.isEmpty {
                messages = await postfix.delivered(to: "customer.test/alice")
                if messages.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(messages.first?["subject"]?.contains("Обращение принято: Письмом") == true, "\(messages)")
        }
    }

    @Test("kill -9 of assistd serve in the middle of sending: after a restart every letter is delivered; none the relay acknowledged is sent again, only the one in flight may be (at least once)")
    func killedMidSend() async throws {
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString.prefix(8)).log").path
        _ = FileManager.default.createFile(atPath: record, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: record) }
        func events() -> [(event: String, messageId: String)] {
            ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }
        }
        try await MailPeers.withPeer("slow-data:\(record)", certificate: nil) { port in
            let environment = [
                "ASSIST_MAIL_RELAY": "smtp+plain://127.0.0.1:\(port)", "ASSIST_MAIL_FROM": "support@desk.test",
                "ASSIST_MAIL_RECLAIM_AFTER_SECONDS": "2",
            ]
            // The letters wait in the outbox of a server that does not send; the next one does.
            let quiet = try await StartedServer.start()
            _ = try await quiet.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
            for number in 1...4 {
                _ = try await quiet.admin.request(.POST, "/v1/tickets", json: """
                    {"customerId":1,"senderEmail":"\(Self.customer)","subject":"Письмо \(number)","description":"D","productVersion":"1","problemClass":"standard"}
                    """)
            }
            quiet.kill9()
            let sending = try await quiet.restart(environment: environment)
            defer { sending.killIfRunning() }
            // Killed while the relay holds the second letter: the first was acknowledged (and recorded).
            for _ in 0..<200 where events().filter({ $0.event == "data" }).count < 2 {
                try await Task.sleep(for: .milliseconds(25))
            }
            sending.kill9()
            let acknowledgedBeforeKill = Set(events().filter { $0.event == "ack" }.map(\.messageId))
            #expect(acknowledgedBeforeKill.count == 1, "\(events())")

            let restarted = try await sending.restart(environment: environment)
            defer { restarted.killIfRunning() }
            let store = try AppDatabase.openFile(atPath: restarted.database)
            var states: [String] = []
            for _ in 0..<300 {
                states = try await store.notifications().map(\.state.rawValue)
                if states.count == 4, states.allSatisfy({ $0 == "sent" }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(states == ["sent", "sent", "sent", "sent"], "nothing lost")
            let arrivals = Dictionary(grouping: events().filter { $0.event == "data" }.map(\.messageId), by: { $0 }).mapValues(\.count)
            #expect(arrivals.count == 4, "every letter reached the relay: \(arrivals)")
            for messageId in acknowledgedBeforeKill {
                #expect(arrivals[messageId] == 1, "acknowledged before the kill, so never sent again: \(messageId)")
            }
            #expect(arrivals.values.filter { $0 > 1 }.count <= 1, "only the letter in flight may arrive twice: \(arrivals)")
        }
    }
}
