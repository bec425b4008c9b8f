import AssistCore
import AssistDesk
import Foundation
import Testing

/// both ways, and who goes out of turn, at the desk.
@Suite("Operational or standard (R-2.5.1, R-2.5.2, R-2.2)")
struct ClassRuleTests {
    @Test("R-2.5.1 staff make a standard ticket operational with a reason: the operational clock counts from the same start, it goes out of turn, recorded and audited")
    func makeOperational() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("standard")
        #expect(ticket.slaLevel == .freeStandard)
        f.clock.advance(by: 1800)
        let view = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "operational", reason: "Клиент позвонил: склад встал"))
        #expect(view.ticket.slaLevel == .freeOperational && view.ticket.problemClass == .operational)
        #expect(view.ticket.clockStartedAt == ticket.clockStartedAt, "the same clock start")
        #expect(view.ticket.reactionDeadline == ticket.clockStartedAt.addingTimeInterval(4 * 3600), "4 working hours from 11:00 on a Monday")
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.outOfTurn.map(\.tid) == [ticket.tid] && queue.outOfTurn.first?.outOfTurnReason?.contains("склад встал") == true)
        let audit = try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)")
        #expect(audit.contains { $0.action == "sla.class-changed" && $0.detail.contains("склад встал") })
        let refusal = await #expect(throws: DeskError.self, "a change of class without a reason") {
            _ = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "operational"))
        }
        #expect(refusal?.code == .reasonRequired)
    }

    @Test("R-2.2 a non-commercial ticket marked operational is standard: not out of turn, and no class decision to make")
    func nonCommercialOperational() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("noncommercial")
        let ticket = try await f.file("operational")
        #expect(ticket.slaLevel == .noncommercial)
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.outOfTurn.isEmpty && queue.inTurn.map(\.tid) == [ticket.tid])
        let refusal = await #expect(throws: DeskError.self, "non-commercial support got an operational level") {
            _ = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "operational", reason: "авария"))
        }
        #expect(refusal?.code == .noOperationalLevel)
    }

    @Test("R-2.5.5 an operational ticket moved to consulting is taken in arrival order, no longer out of turn")
    func consultingInTurn() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("operational")
        #expect(try await f.desk.tickets.queue(f.agent).outOfTurn.map(\.tid) == [ticket.tid])
        _ = try await f.desk.tickets.changeLevel(f.agent, tid: ticket.tid, .init(level: "consulting"))
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.outOfTurn.isEmpty && queue.inTurn.map(\.tid) == [ticket.tid])
    }

    @Test("R-2.4 a change of class keeps a running next-reaction round: it stays in the queue, due as the new level says, recorded")
    func reclassificationKeepsTheRound() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("operational")
        f.clock.advance(by: 600)
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Смотрим"), via: .api)
        f.clock.advance(by: 600)
        let roundStart = f.clock.now
        let waiting = try await f.desk.tickets.reply(f.customerUser, tid: ticket.tid, .init(body: "Всё ещё стоит"), via: .api).ticket
        let operationalDue = try #require(waiting.nextReactionDue)
        f.clock.advance(by: 600)
        let view = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "standard", reason: "касса работает, не печатает один отчёт"))
        #expect(view.ticket.slaLevel == .freeStandard)
        let due = try #require(view.ticket.nextReactionDue, "the round still runs")
        #expect(view.ticket.nextReactionSince == roundStart && due > operationalDue, "due as free-standard counts from the round's start")
        #expect(view.events?.contains { $0.kind == .nextReactionDue && $0.detail.contains("new level") } == true)
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.inTurn.contains { $0.tid == ticket.tid && $0.waitingFor == .nextReaction && $0.dueAt == due })
    }
}
