import AssistCore
import AssistDesk
import Foundation
import Testing

/// the employee responsible for a VIP ticket and the phone the customer is given, at the desk.
@Suite("VIP phone contacts (R-2.5.3)")
struct VIPContactRuleTests {
    /// The fixture's customer on a VIP contract, with the boss's licence address.
    func vipDesk() async throws -> DeskFixture {
        let f = try await DeskFixture.make()
        try await f.contract("vip")
        return f
    }

    func onDuty(_ f: DeskFixture, _ agent: UserAccount, phone: String) async throws {
        _ = try await f.desk.accounts.updateUser(f.admin, id: agent.id, .init(phone: phone, onDuty: true))
    }

    func letters(_ f: DeskFixture, _ kind: String) async throws -> [OutboxNotification] {
        try await f.desk.tickets.notifications(f.admin).filter { $0.kind == kind }
    }

    @Test("R-2.5.3 with an agent on duty a VIP ticket gets them at once: the customer sees the phone and is sent it, the disclosure is audited")
    func assignedAtOnce() async throws {
        let f = try await vipDesk()
        try await onDuty(f, f.agent, phone: "+7 495 111-22-33")
        let ticket = try await f.file("operational")
        let view = try await f.desk.tickets.view(f.customerUser, tid: ticket.tid)
        #expect(view.vipContact?.phone == "+74951112233" && view.vipContact?.agentName == "Agent" && view.vipContactPending == false)
        let sent = try await letters(f, "vip-contact")
        #expect(sent.count == 1 && sent.first?.recipient == "boss@romashka.test" && sent.first?.body.contains("+74951112233") == true)
        #expect(try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)").contains { $0.action == "vip.phone-disclosed" })
    }

    @Test("R-2.5.3 nobody on duty: the ticket is filed and waits, the admins are told once per ticket; the first agent on duty gets every waiting ticket")
    func pendingThenAssigned() async throws {
        let f = try await vipDesk()
        let first = try await f.file("operational")
        _ = try await f.file("operational", subject: "Второе")
        #expect(try await f.desk.tickets.view(f.customerUser, tid: first.tid).vipContactPending == true)
        let told = try await letters(f, "vip-pending")
        #expect(told.count == 2 && told.allSatisfy { $0.recipient == "admin@desk.test" }, "once per ticket: \(told.map(\.recipient))")
        _ = try await f.desk.accounts.updateUser(f.admin, id: f.agent.id, .init(phone: "+7 495 111-22-33"))
        #expect(try await f.desk.tickets.view(f.customerUser, tid: first.tid).vipContactPending == true, "off duty: still waiting")
        _ = try await f.desk.accounts.setOwnDuty(try await f.desk.accounts.user(f.admin, id: f.agent.id), .init(onDuty: true))
        #expect(try await f.desk.tickets.view(f.customerUser, tid: first.tid).vipContact?.phone == "+74951112233")
        #expect(try await letters(f, "vip-contact").count == 2, "both waiting tickets")
    }

    @Test("R-2.5.3 two agents share VIP tickets; a reassignment discloses the new phone; an agent off duty is refused; a split gets its own responsible agent")
    func balanceAndReassign() async throws {
        let f = try await vipDesk()
        try await onDuty(f, f.agent, phone: "+7 495 111-22-33")
        let second = try await f.desk.accounts.createUser(f.admin, .init(displayName: "Пётр", role: "agent", phone: "+7 812 000-11-22"))
        try await onDuty(f, second, phone: "+7 812 000-11-22")
        let first = try await f.file("operational"), next = try await f.file("operational", subject: "Второе")
        let phones = [
            try await f.desk.tickets.view(f.agent, tid: first.tid).vipContact?.phone,
            try await f.desk.tickets.view(f.agent, tid: next.tid).vipContact?.phone,
        ]
        #expect(Set(phones.compactMap { $0 }) == ["+74951112233", "+78120001122"], "fewest open VIP tickets first")
        let reassigned = try await f.desk.tickets.reassign(f.agent, tid: first.tid, .init())
        #expect(reassigned.vipContact?.phone == phones.last ?? nil, "the other agent on duty takes it")
        let accounting = try await f.desk.accounts.createUser(f.admin, .init(displayName: "Бухгалтер", email: "buh@desk.test", role: "accounting"))
        let refused = await #expect(throws: DeskError.self, "an accountant was made responsible") {
            _ = try await f.desk.tickets.reassign(f.agent, tid: first.tid, .init(agentId: accounting.id))
        }
        #expect(refused?.code == .agentNotAvailable)
        let split = try await f.desk.tickets.split(f.agent, tid: first.tid, .init(subject: "Второе", description: "Ещё одна проблема"), via: .api)
        #expect(split.vipContact != nil)
        #expect(try await f.desk.audit.entries(f.admin, subject: nil).filter { $0.action == "vip.phone-disclosed" }.count == 4)
    }

    @Test("R-2.5.3 an agent responsible for an open VIP ticket keeps the agent role until it is reassigned; one who becomes accounting goes off duty")
    func roleChange() async throws {
        let f = try await vipDesk()
        try await onDuty(f, f.agent, phone: "+7 495 111-22-33")
        _ = try await f.file("operational")
        let refused = await #expect(throws: DeskError.self, "the responsible agent became an accountant") {
            _ = try await f.desk.accounts.updateUser(f.admin, id: f.agent.id, .init(role: "accounting"))
        }
        #expect(refused?.code == .agentHoldsVipTickets)
        #expect(try await f.desk.accounts.user(f.admin, id: f.agent.id).role == .agent, "nothing changed")
        let other = try await f.desk.accounts.createUser(f.admin, .init(displayName: "Second", email: "second@desk.test", role: "agent"))
        _ = try await f.desk.accounts.updateUser(f.admin, id: other.id, .init(onDuty: true))
        let moved = try await f.desk.accounts.updateUser(f.admin, id: other.id, .init(role: "accounting"))
        #expect(moved.role == .accounting && moved.onDuty == false)
    }
}
