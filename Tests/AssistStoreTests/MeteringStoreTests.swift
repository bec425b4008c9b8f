import AssistCore
import Foundation
import Testing

@testable import AssistStore

@Suite("Metered sessions in the database")
struct MeteringStoreTests {
    func setUp(path: String) async throws -> (AppDatabase, Ticket, UserAccount) {
        let fixture = try await StoreFixture.make(try AppDatabase.openFile(atPath: path))
        try await RemoteSessionSeed.joined(fixture.database, ticketId: fixture.ticket.id, agentUserId: fixture.agent.id)
        return (fixture.database, fixture.ticket, fixture.agent)
    }

    func start(_ database: AppDatabase, _ ticket: Ticket, _ agent: UserAccount, at instant: Date) async throws -> MeteredSession {
        try await database.startMetering(
            tid: ticket.tid, agentUserId: agent.id, kind: .update, channel: .remote,
            billing: BillingPolicy(), at: instant)
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
    }

    @Test("the database allows one running session per agent, even under 20 concurrent starts")
    func oneRunning() async throws {
        let (database, ticket, agent) = try await setUp(path: temporaryPath())
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await start(database, ticket, agent, at: TestInstant.now)) != nil }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(try await database.meteredSessions(agentUserId: agent.id, ticketId: nil).count == 1)
    }

    @Test("a running session survives reopening the database; stop prices the server-clock duration once")
    func survivesRestart() async throws {
        let path = temporaryPath()
        let (database, ticket, agent) = try await setUp(path: path)
        let startedAt = Date(timeIntervalSince1970: 1_795_555_800)
        let running = try await start(database, ticket, agent, at: startedAt)

        let reopened = try AppDatabase.openFile(atPath: path)
        #expect(try await reopened.meteredSession(id: running.id)?.stoppedAt == nil)
        let stopped = try await reopened.stopMetering(id: running.id, by: agent.id, byAdmin: false, maximumSeconds: 8 * 3600, at: startedAt.addingTimeInterval(5_399.7))
        #expect(stopped.rawSeconds == 5399)
        #expect(stopped.billedSeconds == 5400)
        #expect(stopped.amountKopecks == 225_000)
        #expect(!stopped.flaggedForReview)
        await #expect(throws: MeteringError.alreadyStopped) {
            try await reopened.stopMetering(id: running.id, by: agent.id, byAdmin: false, maximumSeconds: 8 * 3600, at: TestInstant.now)
        }
        #expect(try await reopened.auditEntries(subject: "ticket:\(ticket.tid)").map(\.action).filter { $0.hasPrefix("metering.") } == ["metering.started", "metering.stopped"])
    }

    @Test("R-3.2 what start and stop answer is the session as it is stored, to the millisecond, flagged or not")
    func answersAsStored() async throws {
        let (database, ticket, agent) = try await setUp(path: temporaryPath())
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            // Instants with fractions of a millisecond, as the server's clock gives them.
            let startedAt = Date(timeIntervalSince1970: 1_795_555_800 + Double.random(in: 0..<86_400 * 365, using: &generator))
            let running = try await start(database, ticket, agent, at: startedAt)
            #expect(try await database.meteredSession(id: running.id) == running)
            let length = round.isMultiple(of: 4) ? 9 * 3600.0 : Double.random(in: 0..<7200, using: &generator)
            let stopped = try await database.stopMetering(
                id: running.id, by: agent.id, byAdmin: false, maximumSeconds: 8 * 3600, at: startedAt.addingTimeInterval(length))
            #expect(stopped.flaggedForReview == round.isMultiple(of: 4))
            #expect(try await database.meteredSession(id: running.id) == stopped)
        }
    }

    @Test("a timer left running past the maximum is flagged for review")
    func flagged() async throws {
        let (database, ticket, agent) = try await setUp(path: temporaryPath())
        let startedAt = Date(timeIntervalSince1970: 1_795_555_800)
        let running = try await start(database, ticket, agent, at: startedAt)
        let stopped = try await database.stopMetering(id: running.id, by: agent.id, byAdmin: false, maximumSeconds: 8 * 3600, at: startedAt.addingTimeInterval(9 * 3600))
        #expect(stopped.flaggedForReview)
    }

    @Test("R-1.4 starting remote help is refused in the same transaction when no joined session exists; only its agent or an admin stops it")
    func checksInsideTheTransaction() async throws {
        let fixture = try await StoreFixture.make(try AppDatabase.openFile(atPath: temporaryPath()))
        let (database, customer, agent, ticket) = (fixture.database, fixture.customer, fixture.agent, fixture.ticket)
        let other = try await database.createUser(NewUser(displayName: "Пётр", email: nil, role: .agent, customerId: nil, phone: nil), at: TestInstant.now)
        await #expect(throws: HelpStartRule.Refusal.remoteSessionRequired) { try await start(database, ticket, agent, at: TestInstant.now) }
        #expect(try await database.meteredSessions(agentUserId: nil, ticketId: nil).isEmpty)

        try await RemoteSessionSeed.joined(database, ticketId: ticket.id, agentUserId: agent.id)
        var contract = try NewContract(customerId: customer.id, tier: .commercial, term: .year, startsOn: MoscowTime.date(of: TestInstant.now), tariffs: Tariffs())
        contract.rounding = RoundingRule(incrementSeconds: 900, minimumSeconds: 0)
        _ = try await database.createContract(contract, at: TestInstant.now)
        let running = try await start(database, ticket, agent, at: TestInstant.now)
        #expect(running.rule == RoundingRule(incrementSeconds: 900, minimumSeconds: 0), "the contract's rule, fixed at start")
        await #expect(throws: MeteringError.notFound) {
            try await database.stopMetering(id: running.id, by: other.id, byAdmin: false, maximumSeconds: 3600, at: TestInstant.now)
        }
        let stopped = try await database.stopMetering(id: running.id, by: other.id, byAdmin: true, maximumSeconds: 3600, at: TestInstant.now.addingTimeInterval(61))
        #expect(stopped.billedSeconds == 900)
    }

    @Test("a money row that does not parse is an error, never a silent default: a changed kind, a changed contract tier")
    func corruptRowsAreErrors() async throws {
        let (database, ticket, agent) = try await setUp(path: temporaryPath())
        let session = try await start(database, ticket, agent, at: TestInstant.now)
        _ = try await database.createContract(
            try NewContract(customerId: ticket.customerId, tier: .commercial, term: .year, startsOn: MoscowTime.date(of: TestInstant.now), tariffs: Tariffs()),
            at: TestInstant.now)
        // What a hand edit of the file, or a newer version's data, would leave behind.
        try await database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE meteredSession SET kind = 'coffee' WHERE id = ?", arguments: [session.id])
            try db.execute(sql: "UPDATE contract SET tier = 'gold'")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        await #expect(throws: CorruptRow.self) { try await database.meteredSession(id: session.id) }
        await #expect(throws: CorruptRow.self) { try await database.meteredSessions(agentUserId: nil, ticketId: nil) }
        await #expect(throws: CorruptRow.self) { try await database.contracts(customerId: ticket.customerId) }
        do {
            _ = try await database.meteredSession(id: session.id)
        } catch let corrupt as CorruptRow {
            #expect(corrupt.description.contains("'coffee' in meteredSession.kind"))
        }
    }
}
