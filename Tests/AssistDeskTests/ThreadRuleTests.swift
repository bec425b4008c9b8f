import AssistCore
import AssistDesk
import Foundation
import Testing

/// what a message does to its ticket, at the desk on a moved clock.
@Suite("Messages and their clocks (R-2.4)")
struct ThreadRuleTests {
    /// A ticket the agent answered and then moved to `state` (with a reason where one is needed).
    func answered(_ f: DeskFixture, then state: String, reason: String? = nil) async throws -> Ticket {
        let ticket = try await f.file()
        f.clock.advance(by: 600)
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Попробуйте переустановить"), via: .api)
        f.clock.advance(by: 600)
        return try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: state, reason: reason)).ticket
    }

    @Test("R-2.4 a customer's reply to a resolved or postponed ticket reopens it (in progress, recorded) and starts a next-reaction round: it is back in the queue with its clock", arguments: [
        ("resolved", nil as String?), ("postponed", "insufficient-information"),
    ])
    func replyReopens(state: String, reason: String?) async throws {
        let f = try await DeskFixture.make()
        let ticket = try await answered(f, then: state, reason: reason)
        #expect(ticket.state.rawValue == state)
        f.clock.advance(by: 3600)
        let view = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "Проблема осталась"), via: .api)
        #expect(view.ticket.state == .inProgress && view.ticket.stateReason == nil)
        let due = try #require(view.ticket.nextReactionDue, "a next-reaction round is running")
        #expect(view.ticket.nextReactionSince == f.clock.now && due > f.clock.now)
        let events = try #require(try await f.desk.tickets.view(f.agent, tid: ticket.tid).events)
        #expect(events.contains { $0.kind == .stateChanged && $0.detail.contains("\(state) → in-progress") && $0.detail.contains("R-2.4") })
        #expect(events.contains { $0.kind == .nextReactionDue })
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.inTurn.contains { $0.tid == ticket.tid && $0.waitingFor == .nextReaction && $0.dueAt == due })
    }

    @Test("R-4.4 an agent's answer reaches the ticket's sender by mail with its text and the agent's name, in the answer's transaction")
    func answerIsMailed() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Переустановите драйвер кассы"), via: .api)
        let letters = try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "agent-reply" }
        #expect(letters.count == 1 && letters.first?.recipient == ticket.senderEmail)
        #expect(letters.first?.body.contains("Переустановите драйвер кассы") == true && letters.first?.body.contains("Agent") == true)
        #expect(letters.first?.subject.hasPrefix("[\(ticket.tid)]") == true)
    }

    @Test("R-2.4 a customer's reply to a closed ticket is refused with a sentence to file a new ticket; nothing is stored")
    func closedRefused() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await answered(f, then: "resolved")
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "closed"))
        let before = try await f.desk.tickets.view(f.agent, tid: ticket.tid)
        let refusal = await #expect(throws: DeskError.self, "a reply to a closed ticket was taken") {
            _ = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "Снова не работает"), via: .api)
        }
        #expect(refusal?.code == .ticketClosed && refusal?.detail.contains("new ticket") == true)
        let after = try await f.desk.tickets.view(f.agent, tid: ticket.tid)
        #expect(after.messages.count == before.messages.count && after.ticket == before.ticket)
    }

    @Test("R-2.4 a round runs once: further customer messages before the answer do not move it; the agent's answer ends it, met or breached")
    func oneRound() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Ответ"), via: .api)
        f.clock.advance(by: 60)
        let first = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "Не помогло"), via: .api).ticket
        let due = try #require(first.nextReactionDue)
        f.clock.advance(by: 60)
        let second = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "И ещё"), via: .api).ticket
        #expect(second.nextReactionDue == due, "the round started by the first message")
        f.clock.set(due.addingTimeInterval(1))
        let answered = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Исправили"), via: .api)
        #expect(answered.ticket.nextReactionDue == nil)
        #expect(try #require(answered.events).contains { $0.kind == .nextReaction && $0.detail.contains("breached") })
    }
}

/// with the audit's decision: refusing or postponing with its reason is a reaction.
@Suite("State changes as reactions (R-4.9, R-2.4)")
struct StateReactionTests {
    @Test("R-4.9 a new ticket refused with its reason and no message has had its first reaction, met or breached against its deadline", arguments: [
        (-60.0, true), (60.0, false),
    ])
    func refusalIsAReaction(offset: Double, met: Bool) async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        f.clock.set(ticket.reactionDeadline.addingTimeInterval(offset))
        let refused = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "refused", reason: "out-of-scope"))
        #expect(refused.ticket.firstResponseAt == f.clock.now && refused.ticket.reactionMet == met)
        #expect(try #require(refused.events).contains { $0.kind == .firstResponse && $0.detail.contains("R-4.9") })
    }

    @Test("R-2.4 postponing with a reason while a next-reaction round runs ends the round")
    func postponingEndsRound() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Ответ"), via: .api)
        f.clock.advance(by: 60)
        let waiting = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "Не помогло"), via: .api).ticket
        #expect(waiting.nextReactionDue != nil)
        f.clock.advance(by: 60)
        let postponed = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "postponed", reason: "needs-development"))
        #expect(postponed.ticket.nextReactionDue == nil)
        #expect(try #require(postponed.events).contains { $0.kind == .nextReaction && $0.detail.contains("met") })
    }
}

/// escalations to the head of support, per working day.
@Suite("Escalation (R-5)")
struct EscalationTests {
    /// Friday 6 March 2026, 18:00 Moscow time; the next working day after it is Tuesday 10 March
    /// (Monday 9 March 2026 is the day off for 8 March).
    static let friday = RFC3339.parse("2026-03-06T18:00:00+03:00")!

    @Test("R-5 the head is told once per ticket per working day: escalations on a weekend count for the next working day, a new working day tells again")
    func perWorkingDay() async throws {
        let f = try await DeskFixture.make(at: Self.friday) { $0.headOfSupportUserId = nil }
        let ticket = try await f.file()
        let tid = ticket.tid
        func escalate() async throws -> Bool {
            try await f.desk.tickets.escalate(f.customerUser, tid: tid, .init(message: "Прошу ускорить")).headNotified
        }
        #expect(try await escalate(), "Friday: told")
        f.clock.advance(by: 3600)
        #expect(try await !escalate(), "Friday again: not told twice")
        f.clock.advance(by: 86_400)  // Saturday
        #expect(try await escalate(), "Saturday counts for Tuesday, a new working day")
        f.clock.advance(by: 86_400)  // Sunday
        #expect(try await !escalate(), "Sunday counts for Tuesday too")
        f.clock.advance(by: 86_400)  // Monday 9 March, a day off
        #expect(try await !escalate(), "the day off for 8 March counts for Tuesday too")
        f.clock.advance(by: 86_400)  // Tuesday
        #expect(try await !escalate(), "Tuesday itself: told already")
        f.clock.advance(by: 86_400)  // Wednesday
        #expect(try await escalate(), "Wednesday: told")
    }

    @Test("R-5 a closed ticket is not escalated: a new ticket is filed instead")
    func closedNotEscalated() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Готово"), via: .api)
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "resolved"))
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "closed"))
        let refusal = await #expect(throws: DeskError.self, "a closed ticket was escalated") {
            _ = try await f.desk.tickets.escalate(f.customerUser, tid: ticket.tid, .init(message: "Почему закрыли?"))
        }
        #expect(refusal?.code == .ticketClosed)
    }

    @Test("R-5 the head of support must be staff: a customer user configured as the head is never told of another's escalation — the admins are")
    func customerNeverHead() async throws {
        // The fixture makes the admin (1), the agent (2), then the customer's user (3).
        let f = try await DeskFixture.make { $0.headOfSupportUserId = 3 }
        #expect(f.customerUser.id == 3)
        let ticket = try await f.file()
        #expect(try await f.desk.tickets.escalate(f.customerUser, tid: ticket.tid, .init(message: "Прошу ускорить")).headNotified)
        let letters = try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "escalation" }
        #expect(letters.map(\.recipient) == ["admin@desk.test"], "\(letters.map(\.recipient))")
    }
}
