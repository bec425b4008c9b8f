import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Accounts in the database")
struct AccountStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_555_815)

    @Test("a customer user needs an existing customer; e-mail addresses are unique")
    func userConstraints() async throws {
        let store = try AppDatabase.inMemory()
        await #expect(throws: AccountStoreError.customerNotFound(7)) {
            try await store.createUser(NewUser(displayName: "C", email: nil, role: .customer, customerId: 7, phone: nil), at: now)
        }
        let customer = try await store.createCustomer(name: "ООО Ромашка", inn: "7707083893", kpp: nil, at: now)
        let user = try await store.createUser(
            NewUser(displayName: "C", email: "c@example.ru", role: .customer, customerId: customer.id, phone: nil), at: now)
        #expect(user.customerId == customer.id)
        await #expect(throws: AccountStoreError.emailTaken("c@example.ru")) {
            try await store.createUser(NewUser(displayName: "D", email: "c@example.ru", role: .agent, customerId: nil, phone: nil), at: now)
        }
        #expect(try await store.users().count == 1)
    }

    @Test("the schema itself refuses a customer user without a customer, or staff tied to one")
    func schemaChecks() throws {
        let store = try AppDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO userAccount (displayName, role, createdAt) VALUES ('x', 'customer', '2026-01-01')")
            }
        }
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO userAccount (displayName, role, createdAt) VALUES ('x', 'superuser', '2026-01-01')")
            }
        }
    }

    @Test("a token finds its user only while unexpired, unrevoked and the user enabled")
    func tokenLookup() async throws {
        let store = try AppDatabase.inMemory()
        let agent = try await store.createUser(NewUser(displayName: "A", email: nil, role: .agent, customerId: nil, phone: nil), at: now)
        let token = try await store.addToken(
            userId: agent.id, tokenHash: "hash-1", label: "t", createdAt: now, expiresAt: now.addingTimeInterval(3600))

        #expect(try await store.user(forTokenHash: "hash-1", at: now)?.id == agent.id)
        #expect(try await store.user(forTokenHash: "hash-2", at: now) == nil)
        #expect(try await store.user(forTokenHash: "hash-1", at: now.addingTimeInterval(3600)) == nil, "expired")

        _ = try await store.updateUser(id: agent.id, UserChange(disabled: true))
        #expect(try await store.user(forTokenHash: "hash-1", at: now) == nil, "disabled user")
        _ = try await store.updateUser(id: agent.id, UserChange(disabled: false))

        let revoked = try await store.revokeToken(id: token.id, at: now.addingTimeInterval(10))
        #expect(revoked?.revokedAt == now.addingTimeInterval(10))
        #expect(try await store.user(forTokenHash: "hash-1", at: now) == nil, "revoked")
        let again = try await store.revokeToken(id: token.id, at: now.addingTimeInterval(20))
        #expect(again?.revokedAt == now.addingTimeInterval(10), "a second revocation changes nothing")
    }

    @Test("a token's person is remembered between requests, yet any change to people or tokens, even by raw SQL, is seen at once")
    func rememberedTokensFollowChanges() async throws {
        let store = try AppDatabase.inMemory()
        let agent = try await store.createUser(NewUser(displayName: "A", email: nil, role: .agent, customerId: nil, phone: nil), at: now)
        _ = try await store.addToken(userId: agent.id, tokenHash: "hash-1", label: "t", createdAt: now, expiresAt: now.addingTimeInterval(3600))
        #expect(try await store.user(forTokenHash: "hash-1", at: now)?.role == .agent)

        // Not through a store function: straight through the writer, as a migration or a repair would.
        try await store.writer.write { db in try db.execute(sql: "UPDATE userAccount SET role = 'accounting' WHERE id = ?", arguments: [agent.id]) }
        #expect(try await store.user(forTokenHash: "hash-1", at: now)?.role == .accounting, "a changed role is seen by the next request")

        try await store.writer.write { db in try db.execute(sql: "UPDATE accessToken SET revokedAt = ? WHERE tokenHash = 'hash-1'", arguments: [now]) }
        #expect(try await store.user(forTokenHash: "hash-1", at: now) == nil, "a token revoked by SQL stops at once")

        // A rolled-back change leaves what is remembered as it was, and forgets nothing it must not.
        _ = try await store.addToken(userId: agent.id, tokenHash: "hash-2", label: "t", createdAt: now, expiresAt: now.addingTimeInterval(3600))
        #expect(try await store.user(forTokenHash: "hash-2", at: now)?.id == agent.id)
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: "UPDATE userAccount SET disabled = 1 WHERE id = ?", arguments: [agent.id])
                try db.execute(sql: "INSERT INTO userAccount (displayName, role, createdAt) VALUES ('x', 'superuser', '2026-01-01')")
            }
        }
        #expect(try await store.user(forTokenHash: "hash-2", at: now)?.id == agent.id, "the disabling was rolled back")
        #expect(try await store.user(forTokenHash: "hash-2", at: now.addingTimeInterval(3600)) == nil, "a remembered token still expires")
    }
}
