import AssistCore
import AssistDesk
import Foundation
import Testing

/// staff decide an operational ticket's class once — confirmed, or moved to
/// standard with a reason — at the desk on a moved clock.
@Suite("Deciding an operational ticket's class (R-2.5.1, R-2.5.2)")
struct ClassDecisionTests {
    @Test("R-2.5.1 / R-2.5.2 staff confirm an operational ticket: recorded and audited once, the deadline and the out-of-turn place stay; the customer may not decide")
    func confirm() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("operational")
        f.clock.advance(by: 900)
        let forbidden = await #expect(throws: DeskError.self, "a customer decided the class") {
            _ = try await f.desk.tickets.decideClass(f.customerUser, tid: ticket.tid, .init(decision: "confirm"))
        }
        #expect(forbidden?.code == .forbidden)
        let view = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "confirm"))
        #expect(view.ticket.operationalConfirmedAt == f.clock.now)
        #expect(view.ticket.reactionDeadline == ticket.reactionDeadline, "the deadline stays")
        #expect(try await f.desk.tickets.queue(f.agent).outOfTurn.map(\.tid) == [ticket.tid])
        let again = await #expect(throws: DeskError.self, "the class was decided twice") {
            _ = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "standard", reason: "x"))
        }
        #expect(again?.code == .notOperational)
        let events = try #require(try await f.desk.tickets.view(f.agent, tid: ticket.tid).events)
        #expect(events.filter { $0.kind == .operationalConfirmed }.count == 1)
        #expect(try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)").contains { $0.action == "sla.operational-confirmed" })
    }

    @Test("R-2.5.1 / R-2.5.2 moving an operational ticket to standard needs a reason; the standard deadline counts from the same start; it leaves the out-of-turn list")
    func moveToStandard() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file("operational")
        f.clock.advance(by: 1200)
        let noReason = await #expect(throws: DeskError.self, "moved without a reason") {
            _ = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "standard"))
        }
        #expect(noReason?.code == .reasonRequired && noReason?.kind == .invalid)
        let view = try await f.desk.tickets.decideClass(f.agent, tid: ticket.tid, .init(decision: "standard", reason: "Работает, вопрос по настройке"))
        #expect(view.ticket.slaLevel == .freeStandard && view.ticket.problemClass == .standard)
        #expect(view.ticket.clockStartedAt == ticket.clockStartedAt, "the same clock start")
        let expected = DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: ticket.receivedAt).deadline
        #expect(view.ticket.reactionDeadline == expected, "two working days from the same start")
        let queue = try await f.desk.tickets.queue(f.agent)
        #expect(queue.outOfTurn.isEmpty && queue.inTurn.map(\.tid) == [ticket.tid])
        #expect(view.events?.contains { $0.kind == .classChanged && $0.detail.contains("Работает, вопрос по настройке") } == true)
        let standard = try await f.file("standard", subject: "Вопрос")
        let nothing = await #expect(throws: DeskError.self, "a standard ticket was confirmed") {
            _ = try await f.desk.tickets.decideClass(f.agent, tid: standard.tid, .init(decision: "confirm"))
        }
        #expect(nothing?.code == .notOperational && nothing?.kind == .conflict)
    }
}
