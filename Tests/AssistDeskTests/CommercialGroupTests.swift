import AssistCore
import AssistDesk
import Foundation
import Testing

/// R-4.7 (the December 2026 audit's hole 11): commercial groups change as people come and go.
@Suite("Commercial groups are edited and removed (R-4.7)")
struct CommercialGroupTests {
    func letter(_ f: DeskFixture, from sender: String, _ subject: String) async throws -> LetterOutcome {
        let vouched = [AuthenticationResult(method: "dmarc", result: "pass", properties: ["header.from": "romashka.test"])]
        return try await f.desk.inbound.takeLetter(InboundLetter(
            from: sender, subject: subject, text: "Текст", messageId: "<\(UUID().uuidString)@romashka.test>", threadIds: [], authenticationResults: vouched))
    }

    func refusal(_ outcome: LetterOutcome) -> DeskError.Code? {
        if case .refused(let code, _, _) = outcome { code } else { nil }
    }

    @Test("R-4.7 a member taken out of the group no longer gets the paid level nor writes into the customer's tickets by mail; renames and deletions are audited")
    func memberLeaves() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("commercial")
        let group = try await f.desk.contracts.createGroup(f.admin, customerId: f.customer.id, .init(name: "Бухгалтерия", members: ["ivan@romashka.test", "olga@romashka.test"]))
        guard case .opened(let tid) = try await letter(f, from: "ivan@romashka.test", "Отчёт") else { Issue.record("not opened"); return }
        #expect(try await f.desk.tickets.view(f.agent, tid: tid).ticket.slaLevel == .commercialStandard)
        let bosses = try await f.file(sender: "boss@romashka.test")

        let changed = try await f.desk.contracts.changeGroup(
            f.admin, customerId: f.customer.id, groupId: group.id, .init(name: "Финансы", add: ["petr@romashka.test"], remove: ["ivan@romashka.test"]))
        #expect(changed.name == "Финансы" && changed.members == ["olga@romashka.test", "petr@romashka.test"])
        #expect(refusal(try await letter(f, from: "ivan@romashka.test", "Re: [\(bosses.tid)]")) == .senderNotAllowed)
        #expect(refusal(try await letter(f, from: "ivan@romashka.test", "Новое")) == .unknownSender)

        let left = try await f.desk.contracts.deleteGroup(f.admin, customerId: f.customer.id, groupId: group.id)
        #expect(left.isEmpty)
        let audit = try await f.desk.audit.entries(f.admin, subject: "customer:\(f.customer.id)")
        #expect(audit.contains { $0.action == "group.changed" && $0.detail.contains("«Бухгалтерия» → «Финансы»") && $0.detail.contains("removed ivan@romashka.test") && $0.detail.contains("added petr@romashka.test") })
        #expect(audit.contains { $0.action == "group.deleted" && $0.detail.contains("olga@romashka.test") })
    }

    @Test("a group is the customer's own: another customer's group id, or an unknown one, is not found; only admins edit; an empty change is refused")
    func boundaries() async throws {
        let f = try await DeskFixture.make()
        let other = try await f.desk.accounts.createCustomer(f.admin, .init(name: "ООО Лютик"))
        let theirs = try await f.desk.contracts.createGroup(f.admin, customerId: other.id, .init(name: "Их", members: ["a@lutik.test"]))
        let notOurs = await #expect(throws: DeskError.self) {
            _ = try await f.desk.contracts.changeGroup(f.admin, customerId: f.customer.id, groupId: theirs.id, .init(remove: ["a@lutik.test"]))
        }
        #expect(notOurs?.kind == .notFound)
        await #expect(throws: DeskError.self) { _ = try await f.desk.contracts.deleteGroup(f.admin, customerId: f.customer.id, groupId: theirs.id) }
        await #expect(throws: DeskError.self) { _ = try await f.desk.contracts.deleteGroup(f.agent, customerId: other.id, groupId: theirs.id) }
        let empty = await #expect(throws: DeskError.self) { _ = try await f.desk.contracts.changeGroup(f.admin, customerId: other.id, groupId: theirs.id, .init()) }
        #expect(empty?.code == .invalidField)
        #expect(try await f.desk.contracts.groups(f.admin, customerId: other.id).first?.members == ["a@lutik.test"], "nothing changed")
    }
}
