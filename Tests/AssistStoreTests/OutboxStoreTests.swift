import AssistCore
import AssistStore
import Foundation
import Testing

@Suite("The outbox as the delivery service works it")
struct OutboxStoreTests {
    @Test("a claim is exclusive until it goes stale (a process that died mid-send): then it is claimed again, same Message-ID")
    func staleClaimsAreReclaimed() async throws {
        let fixture = try await StoreFixture.make(try AppDatabase.inMemory())
        let now = TestInstant.now
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
        let now = TestInstant.now
        let claimed = try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now)
        let id = try #require(claimed.first?.id)
        try await fixture.database.markDeferred(notificationId: id, reply: "451 later", nextAttempt: now.addingTimeInterval(60), at: now)
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(59)).isEmpty)
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(60)).count == 1)
        try await fixture.database.markSent(notificationId: id, reply: "250 ok", at: now.addingTimeInterval(61))
        #expect(try await fixture.database.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 0, at: now.addingTimeInterval(10_000)).isEmpty)
        #expect(try await fixture.database.confirmationSent(ticketId: fixture.ticket.id), "R-4.10: the ticket is accepted")
    }

    @Test("due letters of every state are claimed oldest first, at most the limit at a time: queued, deferred come due, claims gone stale")
    func claimsOldestDueFirst() async throws {
        let fixture = try await StoreFixture.make(try AppDatabase.inMemory())
        let store = fixture.database
        // Six more confirmations queued after the fixture's own: seven letters in all.
        for number in 1...6 {
            _ = try await store.acceptTicket(
                NewTicket(customerId: fixture.customer.id, subject: "S\(number)", description: "D", stepsToReproduce: nil, productVersion: "1",
                          problemClass: .standard, senderEmail: "a@b.ru",
                          deadline: DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: TestInstant.now), createdByUserId: nil),
                at: TestInstant.now)
        }
        let now = TestInstant.now
        func claim(_ limit: Int, after seconds: TimeInterval) async throws -> [Int64] {
            try await store.claimDueNotifications(limit: limit, messageIdDomain: "desk.test", staleAfter: 600, at: now.addingTimeInterval(seconds)).map(\.id)
        }
        let first = try await claim(2, after: 0)
        #expect(first.count == 2 && first[0] < first[1])
        let letters = first + (try await claim(2, after: 0))
        #expect(letters.count == 4 && letters == letters.sorted() && letters[1] < letters[2], "the next two by id, none claimed twice")
        try await store.markDeferred(notificationId: letters[1], reply: "451 later", nextAttempt: now.addingTimeInterval(60), at: now)
        try await store.markSent(notificationId: letters[2], reply: "250 ok", at: now)
        let rest = try await claim(10, after: 61)
        #expect(rest.count == 4 && rest.first == letters[1] && rest == rest.sorted(),
                "the deferred letter come due first (oldest), then the three still queued; sent and freshly claimed ones are not")
        #expect(try await claim(2, after: 700) == [letters[0], letters[1]], "every claim stale: the two oldest, across what were three states")
    }
}
