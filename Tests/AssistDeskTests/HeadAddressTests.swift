import AssistCore
import AssistDesk
import Foundation
import Testing

/// R-5 by mail (the December 2026 audit's hole 13): a customer who writes only by mail escalates
/// by writing to the head of support's published address.
@Suite("A letter to the head of support escalates (R-5)")
struct HeadAddressTests {
    func letter(_ subject: String, toHead: Bool, id: String = UUID().uuidString) -> InboundLetter {
        InboundLetter(
            from: "client@romashka.test", subject: subject, text: "Прошу ускорить: склад стоит", messageId: "<\(id)@romashka.test>", threadIds: [],
            toHeadOfSupport: toHead)
    }

    func escalations(_ f: DeskFixture, _ tid: String) async throws -> [TicketEvent] {
        try await f.desk.tickets.view(f.agent, tid: tid).events?.filter { $0.kind == .escalated } ?? []
    }

    @Test("R-5 a letter to the head's address on a ticket is added and escalates it, the head told once per working day; a letter not to it only joins the thread")
    func onATicket() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file(sender: "client@romashka.test")
        #expect(try await f.desk.inbound.takeLetter(letter("Re: [\(ticket.tid)]", toHead: false)) == .appended(tid: ticket.tid))
        #expect(try await escalations(f, ticket.tid).isEmpty)
        #expect(try await f.desk.inbound.takeLetter(letter("Re: [\(ticket.tid)]", toHead: true)) == .appended(tid: ticket.tid))
        #expect(try await f.desk.inbound.takeLetter(letter("Re: [\(ticket.tid)] ещё раз", toHead: true)) == .appended(tid: ticket.tid))
        let recorded = try await escalations(f, ticket.tid)
        #expect(recorded.count == 2 && recorded.allSatisfy { $0.detail.contains("склад стоит") })
        let told = try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "escalation" }
        #expect(told.count == 1, "the admins (no head configured) are told once that working day")
    }

    @Test("R-5 a letter to the head's address without a ticket opens one and escalates it")
    func withoutATicket() async throws {
        let f = try await DeskFixture.make()
        guard case .opened(let tid) = try await f.desk.inbound.takeLetter(letter("Жалоба", toHead: true)) else {
            Issue.record("not opened")
            return
        }
        #expect(try await escalations(f, tid).count == 1)
    }

    @Test("R-5 the gateway's API recognises the head's address in To or Cc, whatever its case, as the mailbox does; a bad address in them is refused")
    func throughTheAPI() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file(sender: "client@romashka.test")
        let head = "head@istom.test"
        let plain = try await f.desk.inbound.take(
            f.agent, .init(from: "client@romashka.test", subject: "Re: [\(ticket.tid)]", body: "Ответ", to: ["support@istom.test"]),
            authenticationResults: nil, headAddress: head)
        #expect(plain.action == .appended)
        #expect(try await escalations(f, ticket.tid).isEmpty)
        let copied = try await f.desk.inbound.take(
            f.agent, .init(from: "client@romashka.test", subject: "Re: [\(ticket.tid)]", body: "Прошу ускорить: склад стоит", to: ["support@istom.test"], cc: ["Head@Istom.test"]),
            authenticationResults: nil, headAddress: head)
        #expect(copied.action == .appended)
        #expect(try await escalations(f, ticket.tid).count == 1)
        let refusal = await #expect(throws: DeskError.self, "a recipient that is not an address was taken") {
            _ = try await f.desk.inbound.take(
                f.agent, .init(from: "client@romashka.test", subject: "Re: [\(ticket.tid)]", body: "x", to: ["not an address"]),
                authenticationResults: nil, headAddress: head)
        }
        #expect(refusal?.code == .invalidEmail)
    }
}
