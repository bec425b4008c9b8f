import AssistCore
import AssistDesk
import Foundation
import Testing

/// states, R-5 the rating and problems, at the desk.
@Suite("States, rating and problems (R-4.9, R-5, R-2.5.3)")
struct TicketStateTests {
    @Test("R-4.9 postponing or refusing needs a reason; a move the state machine does not allow is refused and changes nothing")
    func states() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        for state in ["postponed", "refused"] {
            let refusal = await #expect(throws: DeskError.self, "\(state) without a reason") {
                _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: state))
            }
            #expect(refusal?.code == .reasonRequired)
        }
        let postponed = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "postponed", reason: "insufficient-information"))
        #expect(postponed.ticket.state == .postponed && postponed.ticket.stateReason == .insufficientInformation)
        let impossible = await #expect(throws: DeskError.self, "a postponed ticket was closed") {
            _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "closed"))
        }
        #expect(impossible?.code == .transitionNotAllowed)
        #expect(try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket == postponed.ticket)
    }

    @Test("R-5 the customer rates the work once, after it was resolved; staff do not rate")
    func rating() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file(sender: f.customerUser.email ?? "")
        let early = await #expect(throws: DeskError.self, "rated before resolution") {
            _ = try await f.desk.tickets.rate(f.customerUser, tid: ticket.tid, .init(score: 5))
        }
        #expect(early?.code == .notResolved)
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Готово"), via: .api)
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "resolved"))
        let staff = await #expect(throws: DeskError.self, "an agent rated the work") {
            _ = try await f.desk.tickets.rate(f.agent, tid: ticket.tid, .init(score: 5))
        }
        #expect(staff?.code == .forbidden)
        let rated = try await f.desk.tickets.rate(f.customerUser, tid: ticket.tid, .init(score: 4, comment: "Быстро"))
        #expect(rated.ticket.rating == 4 && rated.ticket.ratingComment == "Быстро")
        let twice = await #expect(throws: DeskError.self, "rated twice") {
            _ = try await f.desk.tickets.rate(f.customerUser, tid: ticket.tid, .init(score: 1))
        }
        #expect(twice?.code == .alreadyRated)
        #expect(try await f.desk.tickets.view(f.agent, tid: ticket.tid).ticket.rating == 4)
    }

    @Test("R-2.5.3 a VIP ticket refuses a second problem, naming the split; an ordinary one takes several; accounting adds none")
    func problems() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("vip")
        let vip = try await f.file()
        #expect(vip.slaLevel == .vip && vip.state == .inProgress, "a VIP ticket goes straight into processing")
        let second = await #expect(throws: DeskError.self, "a VIP ticket took a second problem") {
            _ = try await f.desk.tickets.addProblem(f.agent, tid: vip.tid, .init(description: "И ещё не печатает"))
        }
        #expect(second?.code == .vipSecondProblem && second?.detail.contains("/v1/tickets/\(vip.tid)/split") == true)
        #expect(try await f.desk.tickets.view(f.agent, tid: vip.tid).problems.isEmpty)

        let ordinary = try await f.file(sender: "someone@romashka.test", subject: "Отчёт")
        _ = try await f.desk.tickets.addProblem(f.agent, tid: ordinary.tid, .init(description: "Не печатает"))
        let view = try await f.desk.tickets.addProblem(f.customerUser, tid: ordinary.tid, .init(description: "Не строится отчёт"))
        #expect(view.problems.map(\.description) == ["Не печатает", "Не строится отчёт"])
        let accounting = try await f.desk.accounts.createUser(f.admin, .init(displayName: "Бухгалтер", email: "buh@desk.test", role: "accounting"))
        let refused = await #expect(throws: DeskError.self, "accounting added a problem") {
            _ = try await f.desk.tickets.addProblem(accounting, tid: ordinary.tid, .init(description: "x"))
        }
        #expect(refused?.code == .forbidden)
    }
}
