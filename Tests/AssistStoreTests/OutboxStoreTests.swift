import AssistCore
import AssistStore
import Foundation
import Testing

@Suite("The outbox as the delivery service works it")
struct OutboxStoreTests {
    @Test("a claim is exclusive until it goes stale (a process that died mid-send): then it is claimed again, same Message-ID")
    func staleClaimsAreReclaimed() async throws {
        let fixture = try await StoreFixture.make(try AppDatabase.inMemory())
        let now = Date()
        let first = try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now)
        #expect(first.count == 1 && first[0].state == .sending && first[0].attempts == 1)
        let messageId = try #require(first[0].messageId)
        #expect(messageId.hasSuffix("@desk.test>"))
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(599)).isEmpty,
                "claimed: nobody else sends it")
        let again = try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(601))
        #expect(again.map(\.id) == first.map(\.id) && again.first?.attempts == 2, "after the claim went stale it is sent again: at least once")
        #expect(again.first?.messageId == messageId, "the same Message-ID, so the customer's client sees one letter")
    }

    @Test("deferred mail is due again at its time; sent mail never is")
    func deferredThenSent() async throws {
        let fixture = try await StoreFixture.make(try AppDatabase.inMemory())
        let now = Date()
        let claimed = try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now)
        let id = try #require(claimed.first?.id)
        try await fixture.database.markDeferred(notificationId: id, reply: "451 later", nextAttempt: now.addingTimeInterval(60), at: now)
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(59)).isEmpty)
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(60)).count == 1)
        try await fixture.database.markSent(notificationId: id, reply: "250 ok", at: now.addingTimeInterval(61))
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 0, at: now.addingTimeInterval(10_000)).isEmpty)
        #expect(try await fixture.database.confirmationSent(ticketId: fixture.ticket.id), "R-4.10: the ticket is accepted")
    }
}
