import AssistCore
import AssistTestSupport
import Foundation
import GRDB
import Testing

@testable import AssistStore

/// E-mail in through `assistd ingest`, as an MTA's pipe transport runs it: one raw letter on
/// stdin, the exit code says taken (0), try later (75) or refused for good (65).
@Suite("E-mail in: assistd ingest (R-4.4, R-4.7, R-4.5)")
struct MailIngestTests {
    func ingest(_ server: StartedServer, _ letter: String, environment: [String: String] = [:]) async -> ExternalProcess.Result {
        await ExternalProcess.run(
            Tools.buildDirectory.appendingPathComponent("assistd").path,
            ["ingest", "--database", server.database, "--credentials-key", TestKeys.credentialsKeyPath],
            input: Data(letter.utf8), environment: ProcessInfo.processInfo.environment.merging(TestClock.environment.merging(environment) { $1 }) { $1 })
    }

    @Test("kill -9 of assistd ingest at any moment files a letter once or not at all; the MTA's retry then files it exactly once")
    func killedIngest() async throws {
        let server = try await Self.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }
        let letter = Self.letter(from: "alice@customer.test", subject: "Не запускается", body: "Ошибка 500", messageId: "<killed@customer.test>")
        let executable = Tools.buildDirectory.appendingPathComponent("assistd").path
        // Killed after 0 … 90 ms: before the database is open, inside the filing transaction, after it.
        for delay in stride(from: 0, through: 90, by: 10) {
            let input = try ChildProcess.pipe()
            let child = try ChildProcess.spawn(
                executable, ["ingest", "--database", server.database, "--credentials-key", TestKeys.credentialsKeyPath], standardInput: input.read)
            close(input.read)
            let bytes = Array(letter.utf8)  // well below a pipe's buffer: the write never blocks
            _ = bytes.withUnsafeBytes { write(input.write, $0.baseAddress!, $0.count) }
            close(input.write)
            try await Task.sleep(for: .milliseconds(delay))
            child.send(SIGKILL)
            _ = await Task.detached { child.waitUntilExit() }.value
        }
        let retried = await ingest(server, letter)
        #expect(retried.exitCode == 0, "\(retried.standardError)")
        let store = try AppDatabase.openFile(atPath: server.database)
        let tickets = try await store.tickets(customerId: nil, state: nil)
        #expect(tickets.count == 1, "one ticket, however many killed tries came before")
        let messages = try await store.messages(ticketId: try #require(tickets.first).id)
        #expect(messages.map(\.body) == ["Ошибка 500"])
        let integrity = try await store.writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
    }

    @Test("a 10 MB letter whose Subject is 400 000 RFC 2047 words is filed by assistd ingest in linear time (minutes before: the reader worked in its square): its subject cut, the rest of it read")
    func hugeSubjectLetter() async throws {
        let server = try await Self.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }
        let words = Array(repeating: "=?UTF-8?B?0K8=?=", count: 400_000).joined(separator: "\r\n ")
        let letter = "From: alice@customer.test\r\nTo: support@desk.test\r\nSubject: \(words)\r\nMessage-ID: <huge@customer.test>\r\n\r\nОшибка 500\r\n"
        let clock = ContinuousClock()
        let started = clock.now
        let filed = await ingest(server, letter)
        let took = clock.now - started
        #expect(filed.exitCode == 0 && filed.standardError.contains("Opened TID-"), "\(filed.standardError)")
        // Linear reading takes a few seconds in a debug build on a busy machine; the square took minutes.
        #expect(took < .seconds(60), "\(took)")
        let store = try AppDatabase.openFile(atPath: server.database)
        let ticket = try #require(try await store.tickets(customerId: nil, state: nil).first)
        #expect(ticket.subject.count == 200 && ticket.subject.allSatisfy { $0 == "Я" }, "the subject as a line of at most 200 characters")
    }

    @Test("assistd ingest needs only the database and the mail settings: it files a letter with no credentials key anywhere")
    func ingestWithoutCredentialsKey() async throws {
        let server = try await Self.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }
        let letter = Self.letter(from: "alice@customer.test", subject: "Без ключа", body: "Ошибка 500", messageId: "<nokey@customer.test>")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nokey-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Run where no var/credentials.key is, with no setting naming one.
        let filed = await ExternalProcess.run(
            "/bin/sh", ["-c", #"cd "$1" && shift && exec "$@""#, "sh", folder,
                        Tools.buildDirectory.appendingPathComponent("assistd").path, "ingest", "--database", server.database],
            input: Data(letter.utf8),
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ASSIST_") }.merging(TestClock.environment) { $1 })
        #expect(filed.exitCode == 0 && filed.standardError.contains("Opened TID-"), "\(filed.standardError)")
    }

    @Test("assistd ingest --directory files a backlog in name order, each letter once, however often it is run")
    func backlogFolder() async throws {
        let server = try await Self.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.letter(from: "alice@customer.test", subject: "Первое", body: "Один", messageId: "<b1@customer.test>")
            .write(to: folder.appendingPathComponent("1.eml"), atomically: true, encoding: .utf8)
        try Self.letter(from: "alice@customer.test", subject: "Re: Первое", body: "Два", messageId: "<b2@customer.test>", extra: "In-Reply-To: <b1@customer.test>\r\n")
            .write(to: folder.appendingPathComponent("2.eml"), atomically: true, encoding: .utf8)
        try "Subject: без отправителя\r\n\r\nТекст\r\n".write(to: folder.appendingPathComponent("3.eml"), atomically: true, encoding: .utf8)
        let arguments = ["ingest", "--directory", folder.path, "--database", server.database, "--credentials-key", TestKeys.credentialsKeyPath]
        for _ in 1...2 {
            let run = await ExternalProcess.run(Tools.buildDirectory.appendingPathComponent("assistd").path, arguments)
            #expect(run.exitCode == 0, "\(run.standardError)")
            #expect(run.standardError.contains("2 letters taken, 1 refused"), "\(run.standardError)")
        }
        let store = try AppDatabase.openFile(atPath: server.database)
        let tickets = try await store.tickets(customerId: nil, state: nil)
        try #require(tickets.count == 1)
        #expect(try await store.messages(ticketId: tickets[0].id).map(\.body) == ["Один", "Два"], "threaded by In-Reply-To, each once")
    }

    @Test("a sender's letters open at most mail.newTicketsPerSenderPerDay tickets a day; the rest are held for staff, admins told once, the sender answered once")
    func perSenderCap() async throws {
        let server = try await Self.serverWithCustomer(registering: "loop@customer.test")
        defer { server.killIfRunning() }
        _ = try await server.admin.request(.POST, "/v1/users", json: #"{"displayName":"Админ","role":"admin","email":"admin@desk.test"}"#)
        let cap = ["ASSIST_MAIL_NEW_TICKETS_PER_SENDER_PER_DAY": "2"]
        var outcomes: [String] = []
        for index in 1...4 {
            let letter = Self.letter(from: "loop@customer.test", subject: "Письмо \(index)", body: "Текст \(index)", messageId: "<loop\(index)@customer.test>")
            let result = await ingest(server, letter, environment: cap)
            #expect(result.exitCode == 0, "taken, not bounced back into the loop: \(result.standardError)")
            outcomes.append(result.standardError)
        }
        #expect(outcomes[0].contains("Opened TID-") && outcomes[1].contains("Opened TID-"), "\(outcomes)")
        #expect(outcomes[2].contains("Held for staff") && outcomes[2].contains("the sender was told"), "\(outcomes[2])")
        #expect(outcomes[3].contains("Held for staff") && !outcomes[3].contains("the sender was told"), "one answer a day: \(outcomes[3])")
        let again = await ingest(server, Self.letter(from: "loop@customer.test", subject: "Письмо 4", body: "Текст 4", messageId: "<loop4@customer.test>"), environment: cap)
        #expect(again.standardError.contains("Filed before"), "a held letter is held once: \(again.standardError)")

        let store = try AppDatabase.openFile(atPath: server.database)
        #expect(try await store.tickets(customerId: nil, state: nil).count == 2)
        let notices = try await store.notifications()
        #expect(notices.filter { $0.kind == "mail-held" }.map(\.recipient) == ["admin@desk.test"], "admins are told once per sender and day")
        #expect(notices.filter { $0.kind == "mail-held-answer" }.map(\.recipient) == ["loop@customer.test"])
        let held = try JSONSerialization.jsonObject(with: Data(try await server.admin.request(.GET, "/v1/inbound/held"))) as? [[String: Any]]
        #expect(held?.compactMap { $0["subject"] as? String } == ["Письмо 4", "Письмо 3"], "newest first, with what staff need to file one by hand")
        #expect(held?.first?["body"] as? String == "Текст 4")

        let unlimited = await ingest(server, Self.letter(from: "loop@customer.test", subject: "Письмо 5", body: "Текст 5", messageId: "<loop5@customer.test>"))
        #expect(unlimited.standardError.contains("Opened TID-"), "under the default cap (40) it opens a ticket: \(unlimited.standardError)")
    }

    /// A started server with customer 1, «ООО Ромашка», whose licence registers `address`.
    static func serverWithCustomer(registering address: String) async throws -> StartedServer {
        let server = try await StartedServer.start()
        do {
            _ = try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
            _ = try await server.admin.request(.POST, "/v1/customers/1/emails", json: #"{"email":"\#(address)"}"#)
        } catch {
            server.killIfRunning()
            throw error
        }
        return server
    }

    static func letter(from: String, subject: String, body: String, messageId: String, extra: String = "") -> String {
        "From: \(from)\r\nTo: support@desk.test\r\nSubject: \(subject)\r\nMessage-ID: \(messageId)\r\n\(extra)"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(body)\r\n"
    }

    @Test("a registered sender's letter opens a ticket (channel email); the same letter again is one; a reply by TID is appended; mail from a stranger gets one polite answer a day; automatic mail is neither filed nor answered")
    func ingestsLetters() async throws {
        let server = try await Self.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }

        let first = Self.letter(from: "Алиса <alice@customer.test>", subject: "Не запускается", body: "Ошибка 500", messageId: "<a1@customer.test>")
        let opened = await ingest(server, first)
        #expect(opened.exitCode == 0 && opened.standardError.contains("Opened TID-"), "\(opened.standardError)")
        let again = await ingest(server, first)
        #expect(again.exitCode == 0 && again.standardError.contains("Filed before"), "the same Message-ID is one letter: \(again.standardError)")

        let store = try AppDatabase.openFile(atPath: server.database)
        let tickets = try await store.tickets(customerId: nil, state: nil)
        try #require(tickets.count == 1)
        let ticket = tickets[0]
        #expect(ticket.senderEmail == "alice@customer.test" && ticket.productVersion == "не указана")
        #expect(ticket.slaLevel == .freeStandard, "R-4.7 from a registered address, at the customer's tier (free here)")

        let reply = Self.letter(from: "alice@customer.test", subject: "Re: [\(ticket.tid)] Обращение принято", body: "Дополнение к обращению",
                                messageId: "<a2@customer.test>")
        let appended = await ingest(server, reply)
        #expect(appended.exitCode == 0 && appended.standardError.contains("Added to \(ticket.tid)"), "\(appended.standardError)")
        let messages = try await store.messages(ticketId: ticket.id)
        #expect(messages.map(\.body) == ["Ошибка 500", "Дополнение к обращению"])
        #expect(messages.allSatisfy { $0.channel == .email }, "R-4.5")

        let stranger = Self.letter(from: "nobody@elsewhere.test", subject: "Вопрос", body: "Как купить?", messageId: "<s1@elsewhere.test>")
        let refused = await ingest(server, stranger)
        #expect(refused.exitCode == 0 && refused.standardError.contains("unknown_sender") && refused.standardError.contains("the sender was told"),
                "\(refused.standardError)")
        let refusedAgain = await ingest(server, Self.letter(from: "nobody@elsewhere.test", subject: "Ещё", body: "?", messageId: "<s2@elsewhere.test>"))
        #expect(!refusedAgain.standardError.contains("the sender was told"), "one answer a day, never a stream")
        let answers = try await store.notifications().filter { $0.kind == "mail-refused" }
        #expect(answers.map(\.recipient) == ["nobody@elsewhere.test"])

        let automatic = await ingest(server, Self.letter(
            from: "alice@customer.test", subject: "Автоответ: [\(ticket.tid)]", body: "В отпуске", messageId: "<auto@customer.test>",
            extra: "Auto-Submitted: auto-replied\r\n"))
        #expect(automatic.exitCode == 0 && automatic.standardError.contains("automatic"), "\(automatic.standardError)")
        #expect(try await store.messages(ticketId: ticket.id).count == 2, "an auto-reply is not filed")
        #expect(try await store.tickets(customerId: nil, state: nil).count == 1)
    }

    @Test("a delivery report for one of our letters marks it failed and flags the address; an empty letter is refused (65); an unusable database says try later (75)")
    func bouncesAndRefusals() async throws {
        let server = try await StartedServer.start()
        defer { server.killIfRunning() }
        _ = try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#)
        _ = try await server.admin.request(.POST, "/v1/tickets", json: """
            {"customerId":1,"senderEmail":"ghost@customer.test","subject":"S","description":"D","productVersion":"1","problemClass":"standard"}
            """)
        let store = try AppDatabase.openFile(atPath: server.database)
        let claimed = try await store.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: TestClock.now)
        let messageId = try #require(claimed.first?.messageId)
        let bounce = """
            From: Mail Delivery System <MAILER-DAEMON@mx.desk.test>\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <b1@mx.desk.test>\r
            MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nFailed.\r
            --B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; ghost@customer.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r
            --B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: \(messageId)\r\n\r\n--B--\r\n
            """
        let reported = await ingest(server, bounce)
        #expect(reported.exitCode == 0 && reported.standardError.contains("marked failed"), "\(reported.standardError)")
        #expect(try await store.notifications().first { $0.messageId == messageId }?.state == .failed)
        #expect(try await store.flaggedAddresses().map(\.address) == ["ghost@customer.test"])

        #expect(await ingest(server, "").exitCode == 65)
        let broken = await ExternalProcess.run(
            Tools.buildDirectory.appendingPathComponent("assistd").path,
            ["ingest", "--database", "/proc/no-such-dir/db.sqlite", "--credentials-key", TestKeys.credentialsKeyPath],
            input: Data(Self.letter(from: "a@b.ru", subject: "x", body: "y", messageId: "<x@b.ru>").utf8))
        #expect(broken.exitCode == 75, "the MTA keeps the letter and tries again: \(broken.standardError)")
    }
}
