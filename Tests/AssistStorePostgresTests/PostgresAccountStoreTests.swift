import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// Customers, users and tokens on PostgreSQL, from two nodes at once.
@Suite("Accounts on PostgreSQL: one INN, one address, an admin left, tokens refused everywhere at once")
struct PostgresAccountStoreTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    func twoNodes() async throws -> (PostgresDatabase, PostgresDatabase) {
        let uri = try await TestPostgres.database()
        return (try await PostgresDatabase.open(uri: uri, connections: 4), try await PostgresDatabase.open(uri: uri, connections: 4))
    }

    func note(_ action: String) -> AuditNote { AuditNote(action: action, subject: "test", detail: action, actor: nil) }

    @Test("eight creations of one INN from two nodes at once: one customer, seven told its id and name")
    func oneINN() async throws {
        let (nodeA, nodeB) = try await twoNodes()
        let outcomes = await withTaskGroup(of: Result<Customer, any Error>.self) { group in
            for index in 0..<8 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask {
                    do { return .success(try await node.createCustomer(name: "ООО Ромашка \(index)", inn: "7707083893", kpp: nil, at: instant) { _ in note("customer.created") }) }
                    catch { return .failure(error) }
                }
            }
            return await group.reduce(into: [Result<Customer, any Error>]()) { $0.append($1) }
        }
        let created = outcomes.compactMap { try? $0.get() }
        #expect(created.count == 1)
        let holder = try #require(created.first)
        let refusals = outcomes.compactMap { outcome -> AccountStoreError? in if case .failure(let error) = outcome { error as? AccountStoreError } else { nil } }
        #expect(refusals.count == 7 && refusals.allSatisfy { $0 == .innTaken(inn: "7707083893", customerId: holder.id, name: holder.name) })
        #expect(try await nodeB.customers() == [holder])
        #expect(try await nodeA.verifyAuditChain() == .intact(entries: 1))
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("two admins on two nodes demoting each other at once: one change stands, the other is refused as the last admin; an address is one user's")
    func lastAdmin() async throws {
        let (nodeA, nodeB) = try await twoNodes()
        let first = try await nodeA.createUser(NewUser(displayName: "Анна", email: "anna@istom.ru", role: .admin, customerId: nil, phone: nil), at: instant) { _ in note("user.created") }
        let second = try await nodeB.createUser(NewUser(displayName: "Борис", email: "boris@istom.ru", role: .admin, customerId: nil, phone: nil), at: instant) { _ in note("user.created") }
        await #expect(throws: AccountStoreError.emailTaken("anna@istom.ru")) {
            _ = try await nodeB.createUser(NewUser(displayName: "Другая Анна", email: "anna@istom.ru", role: .agent, customerId: nil, phone: nil), at: instant) { _ in note("user.created") }
        }
        await #expect(throws: AccountStoreError.customerNotFound(42)) {
            _ = try await nodeB.createUser(NewUser(displayName: "Клиент", email: nil, role: .customer, customerId: 42, phone: nil), at: instant) { _ in note("user.created") }
        }
        var change = UserChange()
        change.role = .agent
        let demote = change
        let results = await withTaskGroup(of: Result<UserAccount?, any Error>.self) { group in
            for (node, user) in [(nodeA, second), (nodeB, first)] {
                group.addTask {
                    do { return .success(try await node.updateUser(id: user.id, demote, at: instant) { _, _ in note("user.changed") }) }
                    catch { return .failure(error) }
                }
            }
            return await group.reduce(into: [Result<UserAccount?, any Error>]()) { $0.append($1) }
        }
        #expect(results.filter { (try? $0.get()) != nil }.count == 1)
        #expect(results.contains { if case .failure(let error) = $0 { (error as? AccountStoreError) == .lastAdmin } else { false } })
        #expect(try await nodeA.users().filter { $0.role == .admin && !$0.disabled }.count == 1, "one enabled admin is left")
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("a token revoked or a user disabled on one node is refused by the other at once; revoked twice, audited once; an expired token is refused")
    func tokens() async throws {
        let (nodeA, nodeB) = try await twoNodes()
        let agent = try await nodeA.createUser(NewUser(displayName: "Агент", email: "agent@istom.ru", role: .agent, customerId: nil, phone: nil), at: instant) { _ in note("user.created") }
        let token = try await nodeA.addToken(userId: agent.id, tokenHash: "hash-1", label: "cli", createdAt: instant, expiresAt: instant.addingTimeInterval(3600)) { _ in note("token.issued") }
        #expect(try await nodeB.user(forTokenHash: "hash-1", at: instant)?.id == agent.id)
        #expect(try await nodeB.user(forTokenHash: "hash-1", at: instant.addingTimeInterval(3601)) == nil, "expired")
        let revoked = try await nodeB.revokeToken(id: token.id, at: instant) { _ in note("token.revoked") }
        #expect(revoked?.revokedAt == instant)
        _ = try await nodeA.revokeToken(id: token.id, at: instant.addingTimeInterval(5)) { _ in note("token.revoked") }
        #expect(try await nodeA.token(id: token.id)?.revokedAt == instant, "revoked once")
        #expect(try await nodeA.user(forTokenHash: "hash-1", at: instant) == nil, "refused on the other node at once")
        _ = try await nodeA.addToken(userId: agent.id, tokenHash: "hash-2", label: "cli", createdAt: instant, expiresAt: instant.addingTimeInterval(3600)) { _ in note("token.issued") }
        var disable = UserChange()
        disable.disabled = true
        _ = try await nodeB.updateUser(id: agent.id, disable, at: instant) { _, _ in note("user.disabled") }
        #expect(try await nodeA.user(forTokenHash: "hash-2", at: instant) == nil, "a disabled user's token is refused")
        #expect(try await nodeA.auditEntries(subject: nil).map(\.action).filter { $0 == "token.revoked" }.count == 1)
        try await nodeA.close()
        try await nodeB.close()
    }
}
