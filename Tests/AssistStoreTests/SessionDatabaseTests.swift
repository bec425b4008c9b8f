import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Remote sessions in the database")
struct SessionDatabaseTests {
    let key = (0..<32).map { UInt8(255 - $0) }
    let credentials = SessionCredentials(sessionCode: "K7QX-M2PD", pin: "481516", passedPassword: nil)

    func setUp(joinExpiresAt: Date = TestInstant.now.addingTimeInterval(900)) async throws -> (SessionDatabase, AppDatabase, RemoteSession) {
        let fixture = try await StoreFixture.make(try AppDatabase.inMemory())
        let (database, agent, ticket) = (fixture.database, fixture.agent, fixture.ticket)
        let sessions = SessionDatabase(database: database, key: key)
        let session = try await sessions.openSession(
            NewRemoteSession(ticketId: ticket.id, tid: ticket.tid, tool: .teamviewer, customerRemoteId: "123456789", agentRemoteId: nil,
                             agentUserId: agent.id, agentName: agent.displayName, joinExpiresAt: joinExpiresAt),
            credentials: credentials, at: TestInstant.now
        ) { id, sender in OutgoingLetter(kind: "session-opened", recipient: sender, ("Сеанс \(id)", "")) }
        return (sessions, database, session)
    }

    func storedBlob(_ database: AppDatabase, _ id: Int64) throws -> Data? {
        try database.writer.read { try Data.fetchOne($0, sql: "SELECT credentials FROM remoteSession WHERE id = ?", arguments: [id]) }
    }

    @Test("credentials are encrypted at rest and wiped when the session ends")
    func encryptedAndWiped() async throws {
        let (sessions, database, session) = try await setUp()
        let blob = try #require(try storedBlob(database, session.id))
        let text = String(decoding: blob, as: UTF8.self)
        #expect(!text.contains("481516") && !text.contains("K7QX"))
        #expect(try await sessions.readCredentials(sessionId: session.id, readerUserId: 1, readerRole: "agent", at: TestInstant.now) == credentials)

        let ended = try await sessions.end(sessionId: session.id, by: 1, at: TestInstant.now)
        #expect(ended.state == .ended)
        #expect(try storedBlob(database, session.id) == nil)
        await #expect(throws: SessionStoreError.credentialsWiped) {
            try await sessions.readCredentials(sessionId: session.id, readerUserId: 1, readerRole: "agent", at: TestInstant.now)
        }
        await #expect(throws: SessionStoreError.wrongState(.ended)) { try await sessions.end(sessionId: session.id, by: 1, at: TestInstant.now) }
        let actions = try await database.auditEntries(subject: "ticket:\(session.tid)").map(\.action)
        #expect(actions == ["session.opened", "session.credentials.read", "session.ended"])
    }

    @Test("the PIN works once; a wrong one changes nothing but its count")
    func oneTimePIN() async throws {
        let (sessions, _, session) = try await setUp()
        await #expect(throws: SessionStoreError.pinMismatch(attemptsLeft: 4)) { try await sessions.join(sessionId: session.id, pin: "000000", by: 2, at: TestInstant.now) }
        #expect(try await sessions.session(id: session.id, at: TestInstant.now)?.state == .issued)
        let joined = try await sessions.join(sessionId: session.id, pin: "481516", by: 2, at: TestInstant.now)
        #expect(joined.state == .active)
        await #expect(throws: SessionStoreError.pinUsed) { try await sessions.join(sessionId: session.id, pin: "481516", by: 2, at: TestInstant.now) }
        let read = try await sessions.readCredentials(sessionId: session.id, readerUserId: 2, readerRole: "customer", at: TestInstant.now)
        #expect(read.pin == nil)
        #expect(read.sessionCode == "K7QX-M2PD")
    }

    @Test("R-1.4 five wrong PINs lock the PIN, even against the right one; each is audited; a new PIN unlocks")
    func pinLockout() async throws {
        let (sessions, database, session) = try await setUp()
        for left in stride(from: 4, through: 1, by: -1) {
            await #expect(throws: SessionStoreError.pinMismatch(attemptsLeft: left)) {
                try await sessions.join(sessionId: session.id, pin: "000000", by: 2, at: TestInstant.now)
            }
        }
        await #expect(throws: SessionStoreError.pinLocked) { try await sessions.join(sessionId: session.id, pin: "000000", by: 2, at: TestInstant.now) }
        #expect(try await sessions.session(id: session.id, at: TestInstant.now)?.pinLocked == true)
        await #expect(throws: SessionStoreError.pinLocked) { try await sessions.join(sessionId: session.id, pin: "481516", by: 2, at: TestInstant.now) }
        let actions = try await database.auditEntries(subject: "ticket:\(session.tid)").map(\.action)
        #expect(actions.filter { $0 == "session.pin.failed" }.count == 5)
        #expect(actions.contains("session.pin.locked"))
        #expect(try await database.auditEntries(subject: nil).allSatisfy { !$0.detail.contains("000000") }, "the PIN tried is never logged")

        let reissued = try await sessions.reissuePIN(sessionId: session.id, pin: "123456", by: 1, at: TestInstant.now)
        #expect(!reissued.pinLocked)
        await #expect(throws: SessionStoreError.pinMismatch(attemptsLeft: 4)) {
            try await sessions.join(sessionId: session.id, pin: "481516", by: 2, at: TestInstant.now)
        }
        #expect(try await sessions.join(sessionId: session.id, pin: "123456", by: 2, at: TestInstant.now).state == .active)
        #expect(try await database.verifyAuditChain() == .intact(entries: try await database.auditEntries(subject: nil).count))
    }

    @Test("a session nobody joined in time expires and loses its credentials")
    func expiry() async throws {
        let (sessions, database, session) = try await setUp(joinExpiresAt: TestInstant.now.addingTimeInterval(60))
        let later = TestInstant.now.addingTimeInterval(120)
        #expect(try await sessions.session(id: session.id, at: later)?.state == .expired)
        #expect(try storedBlob(database, session.id) == nil)
        await #expect(throws: SessionStoreError.expired) { try await sessions.join(sessionId: session.id, pin: "481516", by: 2, at: later) }
        await #expect(throws: SessionStoreError.expired) {
            try await sessions.readCredentials(sessionId: session.id, readerUserId: 1, readerRole: "agent", at: later)
        }
    }

    @Test("the schema refuses credentials on a finished session")
    func schemaGuard() async throws {
        let (_, database, session) = try await setUp()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { try $0.execute(sql: "UPDATE remoteSession SET state = 'ended' WHERE id = ?", arguments: [session.id]) }
        }
    }
}
