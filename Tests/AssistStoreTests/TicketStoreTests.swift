import AssistCore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import AssistStore

@Suite("Tickets in the database")
struct TicketStoreTests {
    let calculator = DeadlineCalculator(calendar: .builtIn)

    func newTicket(customerId: Int64, at received: Date, level: SLALevel = .commercialStandard, problemClass: ProblemClass = .standard) -> NewTicket {
        NewTicket(
            customerId: customerId, subject: "S", description: "D", stepsToReproduce: nil, productVersion: "5.2",
            problemClass: problemClass, senderEmail: "boss@a.ru", deadline: calculator.deadline(for: level, receivedAt: received),
            createdByUserId: nil)
    }

    @Test("R-4.4 TIDs are unique and gapless per year, even when 50 tickets arrive at once")
    func concurrentTIDs() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let store = try AppDatabase.openFile(atPath: path)
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        let received = moscowInstant("2026-11-25T12:00")
        let tids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask { try await store.acceptTicket(newTicket(customerId: customer.id, at: received), at: received).ticket.tid }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(tids) == Set((1...50).map { TicketID.format(year: 2026, number: $0) }))
        let next = try await store.acceptTicket(newTicket(customerId: customer.id, at: moscowInstant("2027-01-11T12:00")), at: TestInstant.now).ticket
        #expect(next.tid == "TID-2027-000001", "a new year starts its own count")
    }

    @Test("R-4.10 a ticket exists only with its confirmation; a refused one uses no TID")
    func acceptanceIsAtomic() async throws {
        let store = try AppDatabase.inMemory()
        await #expect(throws: AccountStoreError.customerNotFound(9)) {
            try await store.acceptTicket(newTicket(customerId: 9, at: TestInstant.now), at: TestInstant.now).ticket
        }
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        // the confirmation fails after the ticket, its message and events were written: all of it goes.
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER failConfirmation BEFORE INSERT ON notification BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END")
        }
        await #expect(throws: DatabaseError.self) {
            try await store.acceptTicket(newTicket(customerId: customer.id, at: moscowInstant("2026-11-25T12:00")), at: TestInstant.now).ticket
        }
        let leftovers = try await store.writer.read { db in
            try ["ticket", "ticketMessage", "ticketEvent", "tidSequence", "notification"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        #expect(leftovers == [0, 0, 0, 0, 0], "no ticket, message, event, TID or confirmation left behind")
        try await store.writer.write { try $0.execute(sql: "DROP TRIGGER failConfirmation") }
        let ticket = try await store.acceptTicket(newTicket(customerId: customer.id, at: moscowInstant("2026-11-25T12:00")), at: TestInstant.now).ticket
        #expect(ticket.tid == "TID-2026-000001")
        let notifications = try await store.notifications()
        #expect(notifications.count == 1)
        #expect(notifications[0].subject.contains(ticket.tid))
        #expect(notifications[0].body.contains("коммерческая поддержка, обычный вопрос"), "R-4.3 the level in Russian words, not its slug")
        #expect(notifications[0].recipient == "boss@a.ru")
        #expect(try await store.messages(ticketId: ticket.id).map(\.body) == ["D"])
    }

    @Test("R-4.7 the filing terms are read in the filing's own transaction: the customer's contracts and the sender's registration; a refusal on them stores nothing and uses no TID")
    func termsReadWhileFiling() async throws {
        let store = try AppDatabase.inMemory()
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        _ = try await store.createContract(
            try NewContract(customerId: customer.id, tier: .commercial, term: .year, startsOn: LocalDate("2026-01-15")!, tariffs: Tariffs()), at: TestInstant.now)
        try await store.addLicenceEmail("boss@a.ru", customerId: customer.id)
        let received = moscowInstant("2026-11-25T12:00")
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await store.acceptTicket(customerId: customer.id, sender: "boss@a.ru", splitFrom: nil, at: received) { _ in throw Refused() }
        }
        let seen = Mutex<[FilingTerms]>([])
        for sender in ["boss@a.ru", "stranger@b.ru"] {
            _ = try await store.acceptTicket(customerId: customer.id, sender: sender, splitFrom: nil, at: received) { terms in
                seen.withLock { $0.append(terms) }
                return newTicket(customerId: customer.id, at: received)
            }
        }
        let terms = seen.withLock { $0 }
        #expect(terms.map(\.contracts.first?.tier) == [.commercial, .commercial])
        #expect(terms.map(\.senderIsRegistered) == [true, false], "the licence address is registered, a stranger is not")
        #expect(try await store.tickets(customerId: customer.id, state: nil).map(\.tid) == ["TID-2026-000001", "TID-2026-000002"],
                "the refused filing used no TID")
        await #expect(throws: AccountStoreError.customerNotFound(99)) {
            try await store.acceptTicket(customerId: 99, sender: "boss@a.ru", splitFrom: nil, at: received) { _ in
                Issue.record("no terms for a customer that does not exist")
                return newTicket(customerId: 99, at: received)
            }
        }
    }

    @Test("R-4.4 the thread answered on filing is the thread read afterwards: first message, its files, events, times to the millisecond")
    func acceptedThreadAsStored() async throws {
        let store = try AppDatabase.inMemory()
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        let screenshot: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        var generator = SystemRandomNumberGenerator()
        var origin: Ticket?
        for (index, (level, problemClass)) in [
            (SLALevel.commercialStandard, ProblemClass.standard), (.commercialOperational, .operational), (.vip, .operational), (.vip, .standard),
        ].enumerated() {
            // Instants with fractions of a millisecond, as the server's clock gives them.
            let received = moscowInstant("2026-11-25T12:00").addingTimeInterval(Double.random(in: 0..<86_400, using: &generator))
            var new = NewTicket(
                customerId: customer.id, subject: "S\(index)", description: "Касса не печатает чек \(index)", stepsToReproduce: nil,
                productVersion: "5.2", problemClass: problemClass, senderEmail: "boss@a.ru",
                deadline: calculator.deadline(for: level, receivedAt: received), createdByUserId: nil, channel: .email,
                inboundMessageId: "<\(index)@a.ru>")
            // The same screenshot on every ticket: its content is stored once, linked to each message.
            new.attachments = index.isMultiple(of: 2)
                ? [NewAttachment(fileName: "экран.png", format: .png, bytes: screenshot), NewAttachment(fileName: "b.png", format: .png, bytes: screenshot + [UInt8(index)])]
                : []
            let split = index == 3 ? origin : nil, filed = new
            let accepted = try await store.acceptTicket(customerId: customer.id, sender: "boss@a.ru", splitFrom: split, at: received) { _ in filed }
            let read = try await store.thread(ticketId: accepted.ticket.id, withEvents: true)
            #expect(accepted.thread.messages == read.messages)
            #expect(accepted.thread.messages.first?.attachments.count == new.attachments.count)
            #expect(accepted.thread.events == read.events)
            // Only the operational ticket at an operational level goes out of turn; VIP skips the queue.
            #expect(accepted.thread.events?.count == (level == .commercialOperational ? 2 : 1))
            #expect(accepted.thread.problems == read.problems)
            #expect(accepted.thread.confirmationSent == read.confirmationSent)
            origin = origin ?? accepted.ticket
        }
    }

    @Test("a message and what ThreadRule decided for its ticket are stored together: the first agent reply after the deadline, breached")
    func breachedReaction() async throws {
        let store = try AppDatabase.inMemory()
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: TestInstant.now)
        let ticket = try await store.acceptTicket(
            newTicket(customerId: customer.id, at: moscowInstant("2026-11-25T12:00"), level: .commercialOperational), at: TestInstant.now).ticket
        #expect(ticket.reactionDeadline == moscowInstant("2026-11-25T13:00"))

        let (late, _) = try await store.addMessage(
            ticketId: ticket.id, author: .agent, authorUserId: nil, authorEmail: nil, body: "Здравствуйте", channel: .api, inboundMessageId: nil, attachments: [],
            at: moscowInstant("2026-11-25T13:00:01")) { try ThreadRule.message(by: .agent, to: $0, at: moscowInstant("2026-11-25T13:00:01"), nextReaction: nil) }
        #expect(late.reactionMet == false)
        #expect(late.state == .inProgress)
        let (again, _) = try await store.addMessage(
            ticketId: ticket.id, author: .agent, authorUserId: nil, authorEmail: nil, body: "Ещё", channel: .api, inboundMessageId: nil, attachments: [],
            at: moscowInstant("2026-11-25T14:00")) { try ThreadRule.message(by: .agent, to: $0, at: moscowInstant("2026-11-25T14:00"), nextReaction: nil) }
        #expect(again.firstResponseAt == moscowInstant("2026-11-25T13:00:01"), "only the first reply counts")
        #expect(try await store.events(ticketId: ticket.id).contains { $0.kind == .firstResponse && $0.detail.contains("breached") })
    }
}

/// `2026-11-25T12:00` or with seconds, as Moscow wall-clock time.
func moscowInstant(_ text: String) -> Date {
    let parts = text.split(separator: "T")
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    return MoscowTime.instant(on: LocalDate(parts[0])!, secondsIntoDay: clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0))
}
