import AssistCore
import AssistDesk
import Foundation
import Testing

/// through the split and the create paths (the December 2026 audit's hole 1).
@Suite("Who a split ticket is from (R-4.7, R-2.5.3)")
struct SplitRuleTests {
    static let boss = "boss@romashka.test"

    @Test("R-4.7 a customer user's split of the licence holder's VIP ticket is filed from the user's own address at its level: no VIP level, no VIP phone, no letter to the boss")
    func customerSplitIsTheirs() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("vip", licence: Self.boss)
        let vip = try await f.file(sender: Self.boss)
        #expect(vip.slaLevel == .vip)
        let lettersBefore = try await f.stores.tickets.notifications().count
        let split = try await f.desk.tickets.split(f.customerUser, tid: vip.tid, .init(subject: "Отчёт", description: "Не строится"), via: .api)
        #expect(split.ticket.senderEmail == f.customerUser.email && split.ticket.slaLevel == .freeStandard)
        #expect(split.ticket.splitFrom == vip.tid)
        #expect(split.vipContact == nil && split.vipContactPending != true)
        let letters = try await f.stores.tickets.notifications().dropFirst(lettersBefore)
        #expect(!letters.contains { $0.recipient == Self.boss }, "\(letters.map(\.recipient))")
        #expect(letters.contains { $0.recipient == f.customerUser.email && $0.kind == "ticket-accepted" })
    }

    @Test("R-2.5.3 staff split a VIP ticket for its sender: the new ticket is the sender's, at the VIP level")
    func staffSplitKeepsSender() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("vip", licence: Self.boss)
        let vip = try await f.file(sender: Self.boss)
        let split = try await f.desk.tickets.split(f.agent, tid: vip.tid, .init(subject: "Отчёт", description: "Не строится"), via: .api)
        #expect(split.ticket.senderEmail == Self.boss && split.ticket.slaLevel == .vip)
    }

    @Test("R-4.7 a customer does not split a closed ticket (a new one is filed instead); staff may")
    func closedNotSplitByCustomer() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file(sender: f.customerUser.email ?? "")
        _ = try await f.desk.tickets.reply(f.agent, tid: ticket.tid, .init(body: "Готово"), via: .api)
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "resolved"))
        _ = try await f.desk.tickets.changeState(f.agent, tid: ticket.tid, .init(state: "closed"))
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.tickets.split(f.customerUser, tid: ticket.tid, .init(subject: "Ещё", description: "Другое"), via: .api)
        }
        #expect(refusal?.code == .ticketClosed)
        let staff = try await f.desk.tickets.split(f.agent, tid: ticket.tid, .init(subject: "Ещё", description: "Другое"), via: .api)
        #expect(staff.ticket.splitFrom == ticket.tid)
    }

    @Test("R-4.7 a customer user files from their own address only: naming the licence address is refused, leaving it out files at their own level")
    func createFromOwnAddress() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("vip", licence: Self.boss)
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.tickets.create(
                f.customerUser, .init(subject: "S", description: "D", productVersion: "5.2", problemClass: "standard", senderEmail: Self.boss),
                via: .api)
        }
        #expect(refusal?.code == .invalidField && refusal?.detail.contains("R-4.7") == true)
        let own = try await f.desk.tickets.create(
            f.customerUser, .init(subject: "S", description: "D", productVersion: "5.2", problemClass: "standard"), via: .api)
        #expect(own.ticket.senderEmail == f.customerUser.email && own.ticket.slaLevel == .freeStandard)
        #expect(try await f.stores.tickets.tickets(customerId: nil, state: nil).count == 1, "the refused one left nothing")
    }
}
