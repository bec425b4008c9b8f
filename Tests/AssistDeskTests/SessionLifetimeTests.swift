import AssistCore
import AssistDesk
import Foundation
import GRDB
import Testing

@testable import AssistStore

/// R-1.4 (the December 2026 audit's hole 7): a customer's remote-access credentials live no
/// longer than the work — they end with the ticket, expire unread, and leave no copy on disk.
@Suite("Remote sessions end with the work (R-1.4)")
struct SessionLifetimeTests {
    /// An active session (the customer joined and passed their tool's password) and an issued one.
    func sessions(_ f: DeskFixture, on tid: String) async throws -> (active: OpenedSession, issued: OpenedSession) {
        let active = try await f.desk.sessions.open(f.agent, tid: tid, .init(tool: "teamviewer", customerRemoteId: "123 456 789"))
        _ = try await f.desk.sessions.join(f.customerUser, id: active.session.id, .init(pin: try #require(active.credentials.pin)))
        _ = try await f.desk.sessions.passPassword(f.customerUser, id: active.session.id, .init(password: "tv-Пароль-42"))
        let issued = try await f.desk.sessions.open(f.agent, tid: tid, .init(tool: "ammyadmin", customerRemoteId: "987654321"))
        return (active, issued)
    }

    func sealed(_ f: DeskFixture, _ id: Int64) async throws -> [UInt8]? {
        try await f.storedCredentials(sessionId: id)
    }

    /// The SQLite database file and its write-ahead log, as a thief with the disk would read them.
    /// (PostgreSQL keeps a wiped row's old version until vacuum: README, "Running several nodes".)
    func onDisk(_ database: AppDatabase) throws -> Data {
        let path = database.writer.path
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        return try Data(contentsOf: URL(fileURLWithPath: path)) + wal
    }

    @Test("R-1.4 resolving, refusing or closing a ticket ends its active session and cancels its issued one; credentials wiped from the file and its log, audited", arguments: [
        ("resolved", nil as String?), ("refused", "out-of-scope"),
    ])
    func endWithTicket(state: String, reason: String?) async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Подключаюсь"), via: .api)
        let (active, issued) = try await sessions(f, on: ticket.tid)
        let boxes = [try #require(try await sealed(f, active.session.id)), try #require(try await sealed(f, issued.session.id))]
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: state, reason: reason))
        let after = try await f.desk.sessions.list(f.agent, tid: ticket.tid)
        #expect(after.first { $0.id == active.session.id }?.state == .ended)
        #expect(after.first { $0.id == issued.session.id }?.state == .cancelled)
        let activeBox = try await sealed(f, active.session.id), issuedBox = try await sealed(f, issued.session.id)
        #expect(activeBox == nil && issuedBox == nil)
        if let database = f.sqlite {
            let disk = try onDisk(database)
            for box in boxes { #expect(disk.range(of: Data(box)) == nil, "a sealed box outlived its wiping on disk") }
        }
        await #expect(throws: DeskError.self) { _ = try await f.desk.sessions.credentials(f.customerUser, id: active.session.id) }
        let audit = try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)")
        #expect(audit.filter { $0.detail.contains("with the ticket") && $0.detail.contains("R-1.4") }.count == 2)
        // The work is over until the ticket is reopened: no new session on it.
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.sessions.open(f.agent, tid: ticket.tid, .init(tool: "teamviewer", customerRemoteId: "123456789"))
        }
        #expect(refusal?.code == .ticketNotOpen)
    }

    @Test("R-1.4 an issued session nobody read again expires at its join deadline, and an active one ends after session.maximumHours: both wiped by the sweep")
    func sweep() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let (active, issued) = try await sessions(f, on: ticket.tid)
        #expect(try await f.desk.sessions.expireStale() == 0, "nothing is due yet")
        f.clock.advance(by: 16 * 60)
        #expect(try await f.desk.sessions.expireStale() == 1)
        let issuedBox = try await sealed(f, issued.session.id), activeBox = try await sealed(f, active.session.id)
        #expect(issuedBox == nil && activeBox != nil)
        f.clock.advance(by: 12 * 3600)
        #expect(try await f.desk.sessions.expireStale() == 1)
        #expect(try await sealed(f, active.session.id) == nil)
        let states = try await f.desk.sessions.list(f.agent, tid: ticket.tid).map(\.state)
        #expect(states == [.ended, .expired])
        let audit = try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)")
        #expect(audit.contains { $0.action == "session.expired" } && audit.contains { $0.action == "session.ended" && $0.detail.contains("longest allowed") })
    }

    @Test("R-1.4 the ticket's sender is told a session was opened, how long they have to join, and never its code, PIN or password")
    func openedLetter() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let (active, _) = try await sessions(f, on: ticket.tid)
        let letters = try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "session-opened" }
        #expect(letters.count == 2 && letters.allSatisfy { $0.recipient == ticket.senderEmail && $0.body.contains("15") })
        for secret in [active.credentials.sessionCode, try #require(active.credentials.pin), "tv-Пароль-42"] {
            #expect(!letters.contains { $0.body.contains(secret) || $0.subject.contains(secret) })
        }
    }

    @Test("R-1.4 the audit log names a session, never the customer's remote ID")
    func auditWithoutRemoteID() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await sessions(f, on: ticket.tid)
        let audit = try await f.desk.audit.entries(f.admin, subject: nil)
        #expect(!audit.contains { $0.detail.contains("123456789") || $0.detail.contains("987654321") }, "\(audit.map(\.detail))")
    }

    @Test("what is wiped is overwritten in the file: secure_delete is on for the writer and the readers, set by the server",
          .enabled(if: DeskEngine.current == .sqlite, "a SQLite file's pragma"))
    func secureDelete() async throws {
        let f = try await DeskFixture.make()
        let database = try #require(f.sqlite)
        let writer = try await database.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA secure_delete") }
        let reader = try await database.writer.read { try Int.fetchOne($0, sql: "PRAGMA secure_delete") }
        #expect(writer == 1 && reader == 1)
    }
}
