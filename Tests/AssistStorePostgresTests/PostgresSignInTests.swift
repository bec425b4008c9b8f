import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// Web sign-in on PostgreSQL: what one node knows, every node knows.
@Suite("Web sessions and set-password links on PostgreSQL")
struct PostgresSignInTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    func twoNodes() async throws -> (PostgresDatabase, PostgresDatabase, UserAccount) {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        let nodeB = try await PostgresDatabase.open(uri: uri, connections: 4)
        let user = try await nodeA.createUser(NewUser(displayName: "Клиент", email: "client@romashka.ru", role: .admin, customerId: nil, phone: nil), at: instant) {
            AccessAudit.userCreated($0, by: nil)
        }
        return (nodeA, nodeB, user)
    }

    @Test("a session started on one node is good on the other; ended on either, it is gone on both; a new password ends them all and is audited without its hash")
    func sessions() async throws {
        let (nodeA, nodeB, user) = try await twoNodes()
        let session = try await nodeA.createWebSession(userId: user.id, secretHash: "s-1", csrfToken: "c-1", at: instant)
        let seen = try await nodeB.webSession(secretHash: "s-1")
        #expect(seen?.session == session && seen?.user.id == user.id)
        try await nodeB.touchWebSession(id: session.id, at: instant.addingTimeInterval(60))
        #expect(try await nodeA.webSession(secretHash: "s-1")?.session.lastSeenAt == instant.addingTimeInterval(60))
        try await nodeB.deleteWebSession(id: session.id)
        #expect(try await nodeA.webSession(secretHash: "s-1") == nil)
        _ = try await nodeA.createWebSession(userId: user.id, secretHash: "s-2", csrfToken: "c-2", at: instant)
        try await nodeB.setPasswordHash(userId: user.id, hash: "scrypt$secret-hash", by: user.id, at: instant)
        #expect(try await nodeA.webSession(secretHash: "s-2") == nil, "a new password ends every session")
        #expect(try await nodeA.passwordHash(userId: user.id) == "scrypt$secret-hash")
        let audit = try await nodeA.auditEntries(subject: "user:\(user.id)")
        #expect(audit.contains { $0.action == "user.password.set" } && !audit.contains { $0.detail.contains("secret-hash") })
        _ = try await nodeA.createWebSession(userId: user.id, secretHash: "s-3", csrfToken: "c-3", at: instant)
        #expect(try await nodeB.deleteExpiredWebSessions(idleBefore: instant.addingTimeInterval(1), createdBefore: instant) == 1)
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("a set-password link mailed from two nodes at once goes out once, its secret sealed beside the letter; used from two nodes at once, it sets the password once")
    func links() async throws {
        let (nodeA, nodeB, user) = try await twoNodes()
        let audit = AuditNote(action: "user.password.link-mailed", subject: "user:\(user.id)", detail: "mailed", actor: nil)
        let mailed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, node) in [nodeA, nodeB].enumerated() {
                group.addTask {
                    try await node.mailPasswordLink(
                        userId: user.id, tokenHash: "t-\(index)", expiresAt: instant.addingTimeInterval(3600), recipient: "client@romashka.ru",
                        letter: ("Пароль", "[ссылка видна только получателю письма]"), sealedLink: [1, 2, 3], notSince: instant.addingTimeInterval(-600),
                        audit: audit, at: instant)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(mailed.filter { $0 }.count == 1)
        let letters = try await nodeA.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant)
        #expect(letters.count == 1 && letters.first?.sealedSecret == [1, 2, 3])
        let token = try await nodeA.passwordLinkUserId(tokenHash: "t-0", at: instant) != nil ? "t-0" : "t-1"
        let uses = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for node in [nodeA, nodeB] { group.addTask { try await node.usePasswordLink(tokenHash: token, newHash: "scrypt$new", at: instant) } }
            return try await group.reduce(into: [Int64?]()) { $0.append($1) }
        }
        #expect(uses.compactMap { $0 } == [user.id], "spent once")
        #expect(try await nodeB.passwordLinkUserId(tokenHash: token, at: instant) == nil)
        try await nodeA.close()
        try await nodeB.close()
    }
}
