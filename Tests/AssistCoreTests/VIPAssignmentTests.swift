import AssistCore
import Foundation
import Testing

@Suite("Choosing the responsible agent for a VIP ticket (R-2.5.3)")
struct VIPAssignmentTests {
    let now = Date(timeIntervalSince1970: 1_795_555_815)

    func c(_ id: Int64, open: Int, last: Date?) -> VIPAssignment.Candidate {
        VIPAssignment.Candidate(userId: id, name: "Agent \(id)", phone: "+7 900 000-00-\(10 + id)", openVIPTickets: open, lastAssignedAt: last)
    }

    func waiting(_ candidates: [VIPAssignment.Candidate], responsible: Int64? = nil, admins: [String] = ["admin@istom.ru"], told: Bool = false) -> VIPWaiting {
        VIPWaiting(
            ticketId: 7, tid: "TID-2026-000007", sender: "boss@client.ru", responsibleAgentId: responsible, candidates: candidates,
            admins: admins, adminsTold: told)
    }

    @Test("fewest open VIP tickets first, then the longest idle (never assigned first), then the lowest id")
    func order() {
        #expect(VIPAssignment.choose(from: [c(1, open: 2, last: nil), c(2, open: 1, last: now)])?.userId == 2)
        #expect(VIPAssignment.choose(from: [c(1, open: 1, last: now), c(2, open: 1, last: nil)])?.userId == 2)
        #expect(VIPAssignment.choose(from: [c(1, open: 0, last: now), c(2, open: 0, last: now.addingTimeInterval(-60))])?.userId == 2)
        #expect(VIPAssignment.choose(from: [c(5, open: 0, last: nil), c(3, open: 0, last: nil)])?.userId == 3)
        #expect(VIPAssignment.choose(from: []) == nil)
    }

    @Test("R-2.5.3 the chosen agent's phone goes to the ticket's sender, audited and entered in the ticket's record")
    func disclosure() throws {
        guard case .disclose(let disclosure) = VIPAssignment.assign(waiting([c(4, open: 0, last: nil)])) else {
            Issue.record("an agent on duty was not made responsible")
            return
        }
        #expect(disclosure.agent.userId == 4)
        #expect(disclosure.letter.recipient == "boss@client.ru")
        #expect(disclosure.letter.kind == "vip-contact")
        #expect(disclosure.letter.body.contains("+7 900 000-00-14"))
        #expect(disclosure.audit.action == "vip.phone-disclosed")
        #expect(disclosure.audit.actor == nil, "the server assigned it")
        #expect(disclosure.note.detail.contains("Agent 4"))
    }

    @Test("R-2.5.3 with nobody on duty the admins are told once, and a desk without admins still leaves a trace")
    func nobodyOnDuty() {
        #expect(VIPAssignment.assign(waiting([])) == .wait([OutgoingLetter(
            kind: "vip-pending", recipient: "admin@istom.ru",
            (VIPContactNotice.pendingSubject(tid: "TID-2026-000007"), VIPContactNotice.pendingBody(tid: "TID-2026-000007")))]))
        #expect(VIPAssignment.assign(waiting([], told: true)) == .wait([]))
        guard case .wait(let letters) = VIPAssignment.assign(waiting([], admins: [])) else { return }
        #expect(letters.map(\.recipient) == ["admins"])
    }

    @Test("R-2.5.3 staff reassign to a named agent on duty, or to the best one but the current; an agent off duty is refused")
    func reassign() throws {
        let both = waiting([c(1, open: 0, last: nil), c(2, open: 3, last: now)], responsible: 1)
        #expect(try VIPAssignment.reassign(both, to: nil, by: 9)?.agent.userId == 2)
        #expect(try VIPAssignment.reassign(both, to: 1, by: 9)?.audit.actor == 9)
        #expect(try VIPAssignment.reassign(waiting([c(1, open: 0, last: nil)], responsible: 1), to: nil, by: 9) == nil)
        #expect(throws: VIPAssignment.Refusal.agentNotAvailable) { try VIPAssignment.reassign(both, to: 3, by: 9) }
    }
}
