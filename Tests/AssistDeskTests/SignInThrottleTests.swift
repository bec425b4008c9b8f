import AssistCore
import AssistDesk
import AssistServer
import AssistTestSupport
import Foundation
import Testing

@testable import AssistStore
@testable import AssistStorePostgres

/// The sign-in throttle counts in the database, so every node of a desk counts the same guesses.
@Suite("Password guesses counted across nodes")
struct SignInThrottleTests {
    static let password = "Верный-пароль-2026"

    /// A second desk on the fixture's database, as a second node would be.
    static func secondNode(_ f: DeskFixture) async throws -> Desk {
        let database: DeskDatabase
        switch f.database {
        case .sqlite(let first): database = .sqlite(try AppDatabase.openFile(atPath: first.writer.path))
        case .postgres(let first): database = .postgres(try await PostgresDatabase.open(uri: first.uri, connections: 2))
        }
        return AssistApplication.makeDesk(
            settings: ServerSettings(), database: database, credentialsKey: TestKeys.credentialsKey, clock: f.clock, background: f.background)
    }

    @Test("five wrong passwords sent to one node lock the address on the other: the right password there is refused until the lock ends, then signs in")
    func lockSharedAcrossNodes() async throws {
        let f = try await DeskFixture.make()
        let nodeB = try await Self.secondNode(f)
        _ = try await f.desk.signIn.setPasswordOffline(email: "agent@desk.test", password: Self.password)
        for _ in 0..<5 {
            await #expect(throws: DeskError.self) { _ = try await f.desk.signIn.signIn(email: "agent@desk.test", password: "неверный", from: "203.0.113.7") }
        }
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await nodeB.signIn.signIn(email: "agent@desk.test", password: Self.password, from: "198.51.100.9")
        }
        #expect(refusal?.code == .tooManySignIns, "node B counts node A's guesses")
        f.clock.advance(by: 31)
        let signedIn = try await nodeB.signIn.signIn(email: "Agent@desk.test", password: Self.password, from: "198.51.100.9")
        #expect(signedIn.user.id == f.agent.id)
        // A right password forgave the count: a mistake after it does not lock at once.
        await #expect(throws: DeskError.self) { _ = try await f.desk.signIn.signIn(email: "agent@desk.test", password: "опечатка", from: "198.51.100.9") }
        #expect(try await f.desk.signIn.signIn(email: "agent@desk.test", password: Self.password, from: "198.51.100.9").user.id == f.agent.id)
    }

    @Test("guesses sent to two nodes at once all count: twenty at once lock the address, and the lock is audited once")
    func concurrentGuessesCount() async throws {
        let f = try await DeskFixture.make()
        let nodeB = try await Self.secondNode(f)
        _ = try await f.desk.signIn.setPasswordOffline(email: "agent@desk.test", password: Self.password)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                let desk = index % 2 == 0 ? f.desk : nodeB
                group.addTask { _ = try? await desk.signIn.signIn(email: "agent@desk.test", password: "guess-\(index)", from: "203.0.113.7") }
            }
        }
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.signIn.signIn(email: "agent@desk.test", password: Self.password, from: "198.51.100.9")
        }
        #expect(refusal?.code == .tooManySignIns)
        try await f.background.drain()
        let locks = try await f.desk.audit.entries(f.admin, subject: nil).filter { $0.action.contains("lock") }
        #expect(locks.count == 1, "\(locks.map(\.detail))")
    }
}
