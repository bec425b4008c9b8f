import AssistCore
import AssistDesk
import Foundation
import Testing

/// where staff may move a ticket, at the desk on a stopped clock.
@Suite("Level moves (R-2.5.5, R-2.5.6, R-2.5.3)")
struct LevelMoveTests {
    @Test("R-2.5.5 a move to the level a ticket already has is refused: its clock is not restarted and a breached reaction stays breached")
    func sameLevelRefused() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        _ = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting"))
        let moved = try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket
        // Past the consulting deadline, the agent answers: the first reaction is breached.
        f.clock.set(moved.reactionDeadline.addingTimeInterval(3600))
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Смотрим"), via: .api)
        let answered = try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket
        #expect(answered.reactionMet == false)
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting"))
        }
        #expect(refusal?.code == .sameLevel)
        let after = try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket
        #expect(after.reactionDeadline == moved.reactionDeadline && after.clockStartedAt == moved.clockStartedAt, "the clock is where it was")
        #expect(after.reactionMet == false && after.firstResponseAt == answered.firstResponseAt, "the breach is still on the ticket")
    }

    @Test("R-2.5.3 a VIP ticket never goes to development, nor does free support; a commercial ticket does", arguments: [
        ("vip", "operational", false), ("free", "standard", false), ("commercial", "standard", true),
    ])
    func development(tier: String, problemClass: String, allowed: Bool) async throws {
        let f = try await DeskFixture.make()
        if tier != "free" { try await f.contract(tier) }
        let ticket = try await f.file(problemClass)
        do {
            let moved = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "development")).ticket
            #expect(allowed, "\(tier): moved to \(moved.slaLevel)")
            #expect(moved.slaLevel == .development)
        } catch let refusal as DeskError {
            #expect(!allowed, "\(tier): \(refusal.detail)")
            #expect(refusal.code == .noDevelopment)
            #expect(try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket.slaLevel == ticket.slaLevel, "nothing changed")
        }
        // A free customer's ticket moved to consulting still does not go to development.
        if tier == "free" {
            _ = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting"))
            await #expect(throws: DeskError.self) { _ = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "development")) }
        }
    }
}

/// The audit's decision on announcements: a level or class change is written to the customer.
@Suite("Level and class changes are announced")
struct LevelAnnouncementTests {
    @Test("R-2.5.5 a move to consulting starts the consulting clock at the move, recorded as a level change")
    func consultingFromTheMove() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("operational")
        f.clock.advance(by: 2 * 3600)
        let moved = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting"))
        let expected = DeadlineCalculator(calendar: .builtIn).deadline(for: .consulting, receivedAt: f.clock.now)
        #expect(moved.ticket.slaLevel == .consulting)
        #expect(moved.ticket.clockStartedAt == expected.clockStart && moved.ticket.reactionDeadline == expected.deadline)
        #expect(moved.events?.contains { $0.kind == .levelChanged && $0.detail.contains("free-operational → consulting") } == true)
    }

    @Test("R-2.2 the queue: operational tickets out of turn with their recorded reason, then the rest in arrival order; an answered ticket leaves it")
    func queueOrder() async throws {
        let f = try await DeskFixture.make()
        var tids: [String] = []
        for problemClass in ["standard", "operational", "standard"] {
            tids.append(try await f.file(problemClass).tid)
            f.clock.advance(by: 60)
        }
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.outOfTurn.map(\.tid) == [tids[1]] && queue.inTurn.map(\.tid) == [tids[0], tids[2]])
        #expect(queue.outOfTurn.first?.outOfTurnReason == OutOfTurn.acceptedReason)
        _ = try await f.desk.tickets.reply(f.agent, tid: tids[0], .init(body: "Смотрим"), via: .api)
        #expect(try await f.desk.tickets.queue(f.agent).inTurn.map(\.tid) == [tids[2]])
        let refused = await #expect(throws: DeskError.self, "a customer read the queue") { _ = try await f.desk.tickets.queue(f.customerUser) }
        #expect(refused?.code == .forbidden)
    }

    @Test("a move to consulting and a change of class each send the customer the new level and deadline")
    func announced() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("standard")
        let operational = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "operational", reason: "встал склад")).ticket
        let consulting = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting")).ticket
        let letters = try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "level-changed" }
        #expect(letters.count == 2 && letters.allSatisfy { $0.recipient == "boss@romashka.test" })
        #expect(letters.first?.body.contains(MoscowTime.format(operational.reactionDeadline)) == true && letters.first?.body.contains("встал склад") == true)
        #expect(letters.last?.body.contains(MoscowTime.format(consulting.reactionDeadline)) == true)
        #expect(letters.last?.subject.contains(ticket.tid) == true)
    }
}

/// The audit's hole 19: two admins editing two calendar years at once both keep their year.
@Suite("Calendar revisions")
struct CalendarRevisionTests {
    @Test("two admins saving two different years at once: the latest revision holds both years")
    func noLostUpdate() async throws {
        let f = try await DeskFixture.make()
        let second = try await f.desk.accounts.createUser(f.admin, .init(displayName: "Admin 2", email: "admin2@desk.test", role: "admin"))
        async let a = f.desk.calendar.setYear(f.admin, year: "2028", .init(holidays: ["2028-01-01"], workdays: [], shortened: [], note: "2028"))
        async let b = f.desk.calendar.setYear(second, year: "2029", .init(holidays: ["2029-01-01"], workdays: [], shortened: [], note: "2029"))
        _ = try await (a, b)
        let current = try await f.desk.calendar.current()
        #expect(current.years["2028"] != nil && current.years["2029"] != nil, "\(current.years.keys.sorted())")
        #expect(current.revision == 3)
    }
}
