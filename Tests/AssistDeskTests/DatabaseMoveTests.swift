import AssistCore
import AssistDesk
import AssistServer
import AssistTestSupport
import Foundation
import LibPQ
import Testing

@testable import AssistStore
@testable import AssistStorePostgres

/// `assistd migrate-database`: a desk that worked on SQLite goes on, unchanged, on PostgreSQL.
@Suite("The move from SQLite to PostgreSQL")
struct DatabaseMoveTests {
    static let assistd = TestCertificates.repositoryRoot.appendingPathComponent(".build/debug/assistd").path
    static let seller = SellerRequisites(
        name: "ООО «Истом»", inn: "7707083893", kpp: "773601001", address: "Москва, ул. Примерная, 1", bank: "ПАО Сбербанк",
        bik: "044525225", account: "40702810938000000001", correspondentAccount: "30101810400000000225")
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR снимок".utf8) + [0, 1, 2, 255]

    /// A desk on SQLite that did a bit of everything: tickets with an attachment, a remote session
    /// with its credentials, timed help, an invoice cancelled by a credit note and one issued again.
    static func workedDesk() async throws -> (fixture: DeskFixture, sessionId: Int64, tids: [String]) {
        let f = try await DeskFixture.make(engine: .sqlite) { settings in
            settings.invoicing = InvoicingSettings(vat: VATRule(setting: "22"), seller: seller)
        }
        try await f.contract("commercial")
        let first = try await f.file(), second = try await f.file("operational", subject: "Касса стоит")
        _ = try await f.desk.tickets.reply(
            f.agent, tid: first.tid, .init(body: "Пришлите снимок"), attachments: [IncomingFile(fileName: "экран.png", bytes: png)], via: .api)
        let opened = try await f.desk.sessions.open(f.agent, tid: first.tid, .init(tool: "teamviewer", customerRemoteId: "123456789"))
        _ = try await f.desk.sessions.join(f.customerUser, id: opened.session.id, .init(pin: try #require(opened.credentials.pin)))
        _ = try await f.desk.sessions.passPassword(f.customerUser, id: opened.session.id, .init(password: "tv-Пароль-42"))
        let help = try await f.desk.metering.start(f.agent, tid: first.tid, .init(kind: "install", channel: "remote"))
        f.clock.advance(by: 1_800)
        _ = try await f.desk.metering.stop(f.agent, id: help.id)
        _ = try await f.desk.tickets.escalate(f.customerUser, tid: second.tid, .init(message: "Срочно"))
        let today = MoscowTime.date(of: f.clock.now)
        let cancelled = try await f.desk.invoices.issue(f.admin, customerId: f.customer.id, from: today, to: today)
        _ = try await f.desk.invoices.cancel(f.admin, number: cancelled.number, .init(reason: "Не тот период"))
        _ = try await f.desk.invoices.issue(f.admin, customerId: f.customer.id, from: today, to: today)
        return (f, opened.session.id, [first.tid, second.tid])
    }

    /// The same desk over the moved database, with the same key and clock.
    static func movedDesk(_ f: DeskFixture, uri: String) async throws -> Desk {
        var settings = ServerSettings()
        settings.invoicing = InvoicingSettings(vat: VATRule(setting: "22"), seller: seller)
        return AssistApplication.makeDesk(
            settings: settings, database: .postgres(try await PostgresDatabase.open(uri: uri, connections: 2)), credentialsKey: TestKeys.credentialsKey,
            clock: f.clock, background: QueuedWork())
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("everything moves: tickets and threads with their attachments, sealed credentials that still open, invoices and the credit note, the outbox, the audit chain; numbers go on from where they were; a second move into the filled database is refused")
    func movesEverything() async throws {
        let (f, sessionId, tids) = try await Self.workedDesk()
        let source = try #require(f.sqlite).writer.path
        let uri = try await TestPostgres.database()
        let moved = await ExternalProcess.run(Self.assistd, ["migrate-database", "--from", source, "--to", uri], timeoutSeconds: 120)
        #expect(moved.exitCode == 0, "\(moved.standardOutput)\(moved.standardError)")
        #expect(moved.standardOutput.contains("the audit chain verifies"))
        #expect(!moved.standardOutput.contains(try #require(URLComponents(string: uri)?.password)), "the URI's password is never shown")
        #expect(moved.standardError.contains("invoice: 2 of 2 rows"), "progress, table by table: \(moved.standardError)")

        let desk = try await Self.movedDesk(f, uri: uri)
        for tid in tids {
            #expect(try Self.json(try await desk.tickets.view(f.admin, tid: tid)) == Self.json(try await f.desk.tickets.view(f.admin, tid: tid)))
        }
        let thread = try await desk.tickets.view(f.admin, tid: tids[0])
        let file = try #require(thread.messages.flatMap(\.attachments).first)
        #expect(try await desk.tickets.attachment(f.admin, tid: tids[0], id: file.id).bytes == Self.png)
        // The audit log as it was (reading the credentials below adds to it).
        let audit = try await desk.audit.entries(f.admin, subject: nil), sourceAudit = try await f.desk.audit.entries(f.admin, subject: nil)
        #expect(audit == sourceAudit, "\(zip(audit, sourceAudit).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "\(audit.count) ≠ \(sourceAudit.count) entries")")
        let credentials = try await desk.sessions.credentials(f.agent, id: sessionId).credentials
        #expect(credentials.passedPassword == "tv-Пароль-42", "the sealed box opens under the same key on the other engine")
        #expect(try Self.json(try await desk.invoices.list(f.admin, customerId: nil)) == Self.json(try await f.desk.invoices.list(f.admin, customerId: nil)))
        for invoice in try await f.desk.invoices.list(f.admin, customerId: nil) {
            #expect(try await desk.invoices.show(f.admin, number: invoice.number) == (try await f.desk.invoices.show(f.admin, number: invoice.number)))
        }
        #expect(try Self.json(try await desk.tickets.notifications(f.admin)) == Self.json(try await f.desk.tickets.notifications(f.admin)))
        guard case .intact = try await desk.audit.verify(f.admin) else { Issue.record("the audit chain breaks on the target"); return }

        // Work goes on where it stopped: the next ticket's number and id follow the moved ones.
        let last = try await f.desk.tickets.list(f.admin, state: nil, customerId: nil).map(\.id).max() ?? 0
        let next = try await desk.tickets.create(
            f.agent, .init(subject: "После переезда", description: "Работает?", productVersion: "5.2", problemClass: "standard",
                           senderEmail: "boss@romashka.test", customerId: f.customer.id), via: .api).ticket
        #expect(next.id == last + 1 && next.tid.hasSuffix("000003"), "\(next.id) \(next.tid)")

        let again = await ExternalProcess.run(Self.assistd, ["migrate-database", "--from", source, "--to", uri], timeoutSeconds: 120)
        #expect(again.exitCode != 0 && again.standardError.contains("not empty"), "\(again.standardError)")
    }

    @Test("a database that holds another application's tables is refused before anything is created in it")
    func foreignDatabaseUntouched() async throws {
        let (f, _, _) = try await Self.workedDesk()
        let uri = try await TestPostgres.database()
        try await TestPostgres.blocking { try PostgresConnection(uri: uri).execute("CREATE TABLE ledger (id bigint PRIMARY KEY)") }
        let move = await ExternalProcess.run(Self.assistd, ["migrate-database", "--from", try #require(f.sqlite).writer.path, "--to", uri], timeoutSeconds: 120)
        #expect(move.exitCode != 0 && move.standardError.contains("not empty") && move.standardError.contains("ledger"), "\(move.standardError)")
        let tables = try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()").int(0, "n")
        }
        #expect(tables == 1, "no table of ours was created beside it")
    }

    @Test("a move killed in the middle leaves the target empty, and run again it completes")
    func interruptedMoveRunsAgain() async throws {
        let (f, _, _) = try await Self.workedDesk()
        let source = try #require(f.sqlite).writer.path
        let uri = try await TestPostgres.database()
        try await PostgresDatabase.open(uri: uri, connections: 1).close()
        // Another session holds the invoice table: the move copies what comes before it, then waits there.
        let holder = try await TestPostgres.blocking { () -> PostgresConnection in
            let connection = try PostgresConnection(uri: uri)
            try connection.execute("BEGIN; LOCK TABLE invoice IN ACCESS EXCLUSIVE MODE")
            return connection
        }
        let move = try ChildProcess.spawn(Self.assistd, ["migrate-database", "--from", source, "--to", uri], environment: ProcessInfo.processInfo.environment)
        var waiting = false
        for _ in 0..<600 where !waiting {
            try await Task.sleep(for: .milliseconds(50))
            waiting = try await TestPostgres.blocking {
                try PostgresConnection(uri: uri).query(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                ).int(0, "n") ?? 0
            } > 0
        }
        #expect(waiting, "the move reached the invoices")
        move.send(SIGKILL)
        move.waitUntilExit()
        try await TestPostgres.blocking { try holder.execute("ROLLBACK") }
        let customers = try await TestPostgres.blocking { try PostgresConnection(uri: uri).query("SELECT count(*) AS n FROM customer").int(0, "n") }
        #expect(customers == 0, "nothing of the killed move was kept")
        let rerun = await ExternalProcess.run(Self.assistd, ["migrate-database", "--from", source, "--to", uri], timeoutSeconds: 120)
        #expect(rerun.exitCode == 0, "\(rerun.standardOutput)\(rerun.standardError)")
    }
}
