import AssistCore
import AssistMail
import AssistServer
import AssistStore
import AssistTestSupport
import Foundation
import Logging
import Testing

/// The mailbox poller against a real Dovecot (IMAPS and STARTTLS, certificates from the
/// development CA) over the Maildirs a real Postfix delivers into.
@Suite("Mail in: the IMAP mailbox poller (R-4.4, R-4.5, R-4.7)", .serialized)
struct MailboxPollTests {
    /// Talks to the test mailbox as a mail client would (Python's imaplib over IMAPS).
    static let mailboxClient = #"""
import imaplib, ssl, sys
port, cafile, action = int(sys.argv[1]), sys.argv[2], sys.argv[3]
m = imaplib.IMAP4_SSL("localhost", port, ssl_context=ssl.create_default_context(cafile=cafile))
m.login("support@desk.test", "s3cret")
m.select("INBOX")
if action == "append":
    print(m.append("INBOX", None, None, sys.stdin.buffer.read())[0])
else:
    print(len(m.uid("SEARCH", None, action, *sys.argv[4:])[1][0].split()))
m.logout()
"""#

    static func mailbox(_ peers: MailPeers.Postfix, _ action: String, _ arguments: [String] = [], input: String? = nil) async -> String {
        let result = await ExternalProcess.run(
            "python3", ["-c", mailboxClient, String(peers.imapsPort), Tools.development.caCertificate, action] + arguments,
            input: input.map { Data($0.utf8) })
        #expect(result.exitCode == 0, "\(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func passwordFile(_ password: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imap-\(UUID().uuidString.prefix(8))").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// A poller filing into `server`'s database, as `assistd serve` builds it from these settings.
    static func poller(
        _ server: StartedServer, _ url: String, password: String = "s3cret", trustRoots: String = Tools.development.caCertificate,
        logger: Logger = Logger(label: "imap-test")
    ) async throws -> MailboxPollService {
        var settings = ServerSettings()
        settings.databasePath = server.database
        settings.credentialsKeyPath = TestKeys.credentialsKeyPath
        guard case .success(let mailbox) = IMAPMailbox.parse(url) else { throw StartedServer.Failure(message: "bad URL \(url)") }
        var box = MailboxSettings(mailbox: mailbox, user: "support@desk.test", passwordFile: try passwordFile(password))
        box.caPath = trustRoots
        return try AssistApplication.makeMailboxPoll(box, ingest: try await AssistApplication.makeIngest(settings: settings, clock: TestClock.shared, logger: logger), logger: logger)
    }

    @Test("R-4.4 letters appended to the mailbox are filed once, however often it is polled: a customer's opens a ticket, a stranger's is answered, an automatic one is neither, one without a sender is marked refused")
    func filesOnceOverIMAPS() async throws {
        try await MailPeers.withPostfix(imap: true) { peers in
            let server = try await MailIngestTests.serverWithCustomer(registering: "alice@customer.test")
            defer { server.killIfRunning() }
            let letters = [
                MailIngestTests.letter(from: "Алиса <alice@customer.test>", subject: "Не печатает чек", body: "Ошибка 42", messageId: "<imap1@customer.test>"),
                MailIngestTests.letter(from: "stranger@elsewhere.test", subject: "Помогите", body: "Кто вы?", messageId: "<imap2@elsewhere.test>"),
                MailIngestTests.letter(from: "alice@customer.test", subject: "Нет на месте", body: "Отпуск", messageId: "<imap3@customer.test>",
                                       extra: "Auto-Submitted: auto-replied\r\n"),
                "Subject: без отправителя\r\nMessage-ID: <imap4@nowhere.test>\r\n\r\nТекст\r\n",
            ]
            for letter in letters { #expect(await Self.mailbox(peers, "append", input: letter) == "OK") }

            let poller = try await Self.poller(server, "imaps://localhost:\(peers.imapsPort)/INBOX")
            let first = try await poller.pollOnce()
            #expect(first == MailboxPollService.Round(filed: 3, refused: 1, deferred: 0, remaining: 0))
            let second = try await poller.pollOnce()
            #expect(second == MailboxPollService.Round(), "nothing is fetched twice")
            #expect(await Self.mailbox(peers, "KEYWORD", ["AssistFiled"]) == "4")
            #expect(await Self.mailbox(peers, "KEYWORD", ["AssistRefused"]) == "1")
            #expect(await Self.mailbox(peers, "UNSEEN") == "0", "people reading the mailbox see them as read")

            let store = try AppDatabase.openFile(atPath: server.database)
            let tickets = try await store.tickets(customerId: nil, state: nil)
            try #require(tickets.count == 1)
            let messages = try await store.messages(ticketId: tickets[0].id)
            #expect(messages.map(\.body) == ["Ошибка 42"])
            #expect(messages.first?.channel.rawValue == "email", "R-4.5 the message records its channel")
            #expect(try await store.notifications().filter { $0.recipient == "stranger@elsewhere.test" }.count == 1)

            // A reply by TID, and the same first letter appended again (a client's resend): one message more.
            let tid = tickets[0].tid
            let reply = MailIngestTests.letter(from: "alice@customer.test", subject: "Re: [\(tid)] Не печатает чек", body: "Прилагаю снимок", messageId: "<imap5@customer.test>")
            #expect(await Self.mailbox(peers, "append", input: reply) == "OK")
            #expect(await Self.mailbox(peers, "append", input: letters[0]) == "OK")
            let third = try await poller.pollOnce()
            #expect(third.filed == 2)
            #expect(try await store.messages(ticketId: tickets[0].id).map(\.body) == ["Ошибка 42", "Прилагаю снимок"])
            #expect(try await store.tickets(customerId: nil, state: nil).count == 1, "the same Message-ID is one letter")
        }
    }

    @Test("a wrong password, an untrusted certificate and a name mismatch fail the round with a sentence that never holds the password; nothing is marked")
    func refusedConnections() async throws {
        try await MailPeers.withPostfix(imap: true) { peers in
            let server = try await MailIngestTests.serverWithCustomer(registering: "alice@customer.test")
            defer { server.killIfRunning() }
            #expect(await Self.mailbox(peers, "append", input: MailIngestTests.letter(
                from: "alice@customer.test", subject: "Тема", body: "Текст", messageId: "<wrong@customer.test>")) == "OK")

            let wrong = try await Self.poller(server, "imaps://localhost:\(peers.imapsPort)/INBOX", password: "guess-\u{201C}me\u{201D}")
            let failure = await #expect(throws: IMAPFailure.self) { try await wrong.pollOnce() }
            #expect(failure?.sentence.contains("sign-in") == true, "\(failure?.sentence ?? "")")
            #expect(failure?.sentence.contains("guess") == false)

            let otherCA = try await Self.poller(server, "imaps://localhost:\(peers.imapsPort)/INBOX", trustRoots: TestCertificates.foreign.caCertificate)
            let untrusted = await #expect(throws: IMAPFailure.self) { try await otherCA.pollOnce() }
            #expect(untrusted?.sentence.lowercased().contains("certificate") == true, "\(untrusted?.sentence ?? "")")

            let byAddress = try await Self.poller(server, "imap://127.0.0.2:\(peers.imapPort)/INBOX")
            await #expect(throws: IMAPFailure.self, "nothing listens there, or its name does not match") { try await byAddress.pollOnce() }

            #expect(await Self.mailbox(peers, "UNKEYWORD", ["AssistFiled"]) == "1", "the letter waits for a poller that can sign in")
            #expect(try await AppDatabase.openFile(atPath: server.database).tickets(customerId: nil, state: nil).isEmpty)
        }
    }

    @Test("R-4.4 end to end: a customer's letter sent through Postfix lands in the desk's mailbox and assistd serve files it over IMAP with STARTTLS")
    func throughPostfixAndSTARTTLS() async throws {
        try await MailPeers.withPostfix(imap: true) { peers in
            let server = try await StartedServer.start(environment: [
                "ASSIST_MAIL_IMAP": "imap://localhost:\(peers.imapPort)/INBOX",
                "ASSIST_MAIL_IMAP_USER": "support@desk.test",
                "ASSIST_MAIL_IMAP_PASSWORD_FILE": try Self.passwordFile("s3cret"),
                "ASSIST_MAIL_IMAP_CA": Tools.development.caCertificate,
                "ASSIST_MAIL_IMAP_POLL_SECONDS": "1",
            ])
            defer { server.killIfRunning() }
            _ = try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
            _ = try await server.admin.request(.POST, "/v1/customers/1/emails", json: #"{"email":"alice@customer.test"}"#)

            let send = await ExternalProcess.run("python3", ["-c", """
                import smtplib, ssl, sys
                from email.message import EmailMessage
                m = EmailMessage(); m["From"] = "Алиса <alice@customer.test>"; m["To"] = "support@desk.test"
                m["Subject"] = "Не открывается отчёт"; m["Message-ID"] = "<smtp-imap@customer.test>"; m.set_content("Отчёт пустой")
                s = smtplib.SMTP("localhost", int(sys.argv[1])); s.starttls(context=ssl.create_default_context(cafile=sys.argv[2]))
                s.send_message(m); s.quit()
                """, String(peers.port), Tools.development.caCertificate])
            #expect(send.exitCode == 0, "\(send.standardError)")

            let store = try AppDatabase.openFile(atPath: server.database)
            var tickets: [AssistCore.Ticket] = []
            for _ in 0..<200 where tickets.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                tickets = try await store.tickets(customerId: nil, state: nil)
            }
            try #require(tickets.count == 1, "filed within 20 s of sending")
            #expect(tickets[0].subject == "Не открывается отчёт")
            #expect(try await store.messages(ticketId: tickets[0].id).map(\.body) == ["Отчёт пустой"])
        }
    }

    @Test("two nodes on one PostgreSQL database: one polls the mailbox (it holds the lease); kill -9 of it, and the other takes over within a poll interval and files the letter that came meanwhile")
    func oneNodePollsAtATime() async throws {
        try await MailPeers.withPostfix(imap: true) { peers in
            let polling = "This node polls the mailbox now"
            let environment = [
                "ASSIST_MAIL_IMAP": "imaps://localhost:\(peers.imapsPort)/INBOX", "ASSIST_MAIL_IMAP_USER": "support@desk.test",
                "ASSIST_MAIL_IMAP_PASSWORD_FILE": try Self.passwordFile("s3cret"), "ASSIST_MAIL_IMAP_CA": Tools.development.caCertificate,
                "ASSIST_MAIL_IMAP_POLL_SECONDS": "1",
            ]
            let a = try await StartedServer.start(database: try await TestPostgres.database(), environment: environment)
            defer { a.killIfRunning() }
            let b = try await a.restart(environment: environment)
            defer { b.killIfRunning() }
            _ = try await a.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
            _ = try await a.admin.request(.POST, "/v1/customers/1/emails", json: #"{"email":"alice@customer.test"}"#)
            let clock = ContinuousClock(), started = clock.now
            while !(a.log.contains(polling) || b.log.contains(polling)), clock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .seconds(2))
            #expect(a.log.contains(polling) != b.log.contains(polling), "exactly one node polls")
            let (leader, other) = a.log.contains(polling) ? (a, b) : (b, a)
            leader.kill9()
            let letter = MailIngestTests.letter(from: "alice@customer.test", subject: "После сбоя", body: "Письмо", messageId: "<lease1@customer.test>")
            #expect(await Self.mailbox(peers, "append", input: letter) == "OK")
            var tickets: [Any] = []
            let killed = clock.now
            while tickets.isEmpty, clock.now - killed < .seconds(30) {
                try await Task.sleep(for: .milliseconds(200))
                tickets = try JSONSerialization.jsonObject(with: Data(try await other.admin.request(.GET, "/v1/tickets"))) as? [Any] ?? []
            }
            #expect(tickets.count == 1, "the other node took over and filed the letter")
            #expect(other.log.contains(polling))
        }
    }
}
