import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The outbox on PostgreSQL, worked by the delivery services of two nodes at once.
@Suite("The outbox on PostgreSQL: each letter claimed by one node")
struct PostgresOutboxTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    func twoNodes(letters: Int) async throws -> (PostgresDatabase, PostgresDatabase) {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).execute("""
                INSERT INTO userAccount (displayName, email, role, createdAt) VALUES ('Админ', 'admin@istom.ru', 'admin', now());
                INSERT INTO notification (kind, recipient, subject, body, createdAt)
                    SELECT 'agent-reply', 'client' || n || '@romashka.ru', 'Ответ ' || n, 'Текст', now() FROM generate_series(1, \(letters)) AS n;
                """)
        }
        return (nodeA, try await PostgresDatabase.open(uri: uri, connections: 4))
    }

    @Test("2 000 letters drained by two nodes' delivery loops at once: each claimed exactly once, each with its own Message-ID, all sent")
    func drainedOnce() async throws {
        let (nodeA, nodeB) = try await twoNodes(letters: 2_000)
        let claimed = try await withThrowingTaskGroup(of: [OutboxNotification].self) { group in
            for node in [nodeA, nodeA, nodeB, nodeB] {
                group.addTask {
                    var mine: [OutboxNotification] = []
                    while true {
                        let batch = try await node.claimDueNotifications(limit: 50, messageIdDomain: "istom.ru", staleAfter: 600, at: instant)
                        guard !batch.isEmpty else { return mine }
                        for letter in batch { try await node.markSent(notificationId: letter.id, reply: "250 ok", at: instant) }
                        mine += batch
                    }
                }
            }
            return try await group.reduce(into: [OutboxNotification]()) { $0 += $1 }
        }
        #expect(claimed.count == 2_000 && Set(claimed.map(\.id)).count == 2_000, "each letter claimed once")
        let ids = claimed.compactMap(\.messageId)
        #expect(ids.count == 2_000 && Set(ids).count == 2_000 && ids.allSatisfy { $0.hasPrefix("<n") && $0.hasSuffix("@istom.ru>") })
        #expect(try await nodeA.claimDueNotifications(limit: 50, messageIdDomain: "istom.ru", staleAfter: 600, at: instant.addingTimeInterval(3600)).isEmpty)
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("a claim a dead node left is taken over after staleAfter with the same Message-ID; a letter that fails for good flags its address, tells the admins once and is audited; retried, it is queued again")
    func staleAndFailed() async throws {
        let (nodeA, nodeB) = try await twoNodes(letters: 1)
        let first = try #require(try await nodeA.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant).first)
        #expect(try await nodeB.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant.addingTimeInterval(30)).isEmpty)
        let again = try #require(try await nodeB.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant.addingTimeInterval(61)).first)
        #expect(again.id == first.id && again.messageId == first.messageId && again.attempts == 2)
        try await nodeB.markFailed(notificationId: again.id, reply: "550 no such user", at: instant)
        #expect(try await nodeA.flaggedAddresses().map(\.address) == ["client1@romashka.ru"])
        let told = try await nodeA.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant.addingTimeInterval(62))
        #expect(told.map(\.kind) == ["mail-failed"] && told.first?.recipient == "admin@istom.ru")
        try await nodeA.markFailed(notificationId: try #require(told.first).id, reply: "550 admin gone", at: instant)
        #expect(try await nodeA.claimDueNotifications(limit: 10, messageIdDomain: "istom.ru", staleAfter: 60, at: instant.addingTimeInterval(63)).isEmpty,
                "a failed notice about a failure is not noticed again")
        let retried = try await nodeB.retryNotification(id: again.id, by: 1, at: instant)
        #expect(retried?.state == .queued && retried?.attempts == 0)
        #expect(try await nodeA.auditEntries(subject: nil).map(\.action) == ["mail.failed", "mail.failed", "mail.retried"])
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("R-4.4 an automatic answer goes to a sender once a day even when both nodes answer at once")
    func answeredOnce() async throws {
        let (nodeA, nodeB) = try await twoNodes(letters: 0)
        let answer = OutgoingLetter(kind: "mail-refused", recipient: "stranger@example.ru", ("Письмо не принято", "Адрес не зарегистрирован"))
        let queued = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<10 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask { try await node.queue(answer, unlessQueuedSince: instant.addingTimeInterval(-3600), at: instant) }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(queued.filter { $0 }.count == 1)
        try await nodeA.close()
        try await nodeB.close()
    }
}
