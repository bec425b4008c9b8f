import Foundation
import Testing

@Suite("VIP phone contacts (R-2.5.3)")
struct VIPContactTests {
    func withVIPCustomer(_ body: (AccountFixture) async throws -> Void) async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            try await body(f)
        }
    }

    func fileVIP(_ f: AccountFixture) async throws -> [String: Any] {
        let answer = try await f.call(f.agent, "POST", "/v1/tickets",
            #"{"customerId":\#(f.customerA.id),"senderEmail":"boss@romashka.ru","subject":"Срочно","description":"Не работает","productVersion":"5.2","problemClass":"operational"}"#)
        #expect(answer.status == 201, "\(answer.body)")
        return (try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]) ?? [:]
    }

    func tid(_ view: [String: Any]) -> String { (view["ticket"] as? [String: Any])?["tid"] as? String ?? "" }

    @Test("with an agent on duty the VIP ticket gets them at once; the customer sees the phone and is sent it; the disclosure is audited")
    func assignedAtOnce() async throws {
        try await withVIPCustomer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"phone":"+7 495 111-22-33","onDuty":true}"#)
            let view = try await fileVIP(f)
            let contact = try #require(view["vipContact"] as? [String: Any])
            #expect(contact["phone"] as? String == "+74951112233")
            #expect(contact["agentName"] as? String == "Agent")
            #expect(view["vipContactPending"] as? Bool == false)

            let seen = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid(view))")
            #expect(seen.body.contains("+74951112233"))
            let outbox = try await f.store.notifications().filter { $0.kind == "vip-contact" }
            #expect(outbox.count == 1)
            #expect(outbox.first?.recipient == "boss@romashka.ru")
            #expect(outbox.first?.body.contains("+74951112233") == true)
            #expect(try await f.store.auditEntries(subject: "ticket:\(tid(view))").contains { $0.action == "vip.phone-disclosed" })
        }
    }

    @Test("R-2.5.3 an agent responsible for an open VIP ticket cannot be given another role until it is reassigned; an agent who becomes accounting is off duty")
    func roleChangeKeepsVIPContact() async throws {
        try await withVIPCustomer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"phone":"+7 495 111-22-33","onDuty":true}"#)
            _ = try await fileVIP(f)
            let refused = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"role":"accounting"}"#)
            #expect(refused.status == 409 && refused.body.contains("agent_holds_vip_tickets"), "\(refused.body)")
            #expect(try await f.call(f.admin, "GET", "/v1/users/\(f.agent.user.id)").body.contains(#""role":"agent""#), "nothing changed")
            let other = try await f.person(.agent, "Second")
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(other.user.id)", #"{"onDuty":true}"#)
            let moved = try await f.call(f.admin, "PATCH", "/v1/users/\(other.user.id)", #"{"role":"accounting"}"#)
            #expect(moved.status == 200 && moved.body.contains(#""role":"accounting""#) && moved.body.contains(#""onDuty":false"#), "\(moved.body)")
        }
    }

    @Test("nobody on duty: the ticket is created, the contact is pending, admins are told once; the first agent on duty gets it")
    func pendingThenAssigned() async throws {
        try await withVIPCustomer { (f: AccountFixture) async throws in
            let view = try await fileVIP(f)
            #expect(view["vipContactPending"] as? Bool == true)
            #expect(view["vipContact"] == nil)
            _ = try await fileVIP(f)
            let told = try await f.store.notifications().filter { $0.kind == "vip-pending" }
            #expect(told.count == 2, "once per ticket")
            #expect(told.allSatisfy { $0.recipient == "admin@example.ru" })

            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"phone":"+7 495 111-22-33"}"#)
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid(view))").body.contains(#""vipContactPending":true"#), "off duty: still pending")
            #expect(try await f.call(f.agent, "PATCH", "/v1/me", #"{"onDuty":true}"#).status == 200)
            let after = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid(view))")
            #expect(after.body.contains("+74951112233"))
            #expect(try await f.store.notifications().filter { $0.kind == "vip-contact" }.count == 2, "both waiting tickets")
        }
    }

    @Test("two agents share VIP tickets; a reassignment discloses the new phone; a split gets its own responsible agent")
    func balanceAndReassign() async throws {
        try await withVIPCustomer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"phone":"+7 495 111-22-33","onDuty":true}"#)
            let second = try await f.call(f.admin, "POST", "/v1/users", #"{"displayName":"Пётр","role":"agent","phone":"+7 812 000-11-22"}"#)
            let secondId = try #require((try JSONSerialization.jsonObject(with: Data(second.body.utf8)) as? [String: Any])?["id"] as? Int)
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(secondId)", #"{"onDuty":true}"#)

            let first = try await fileVIP(f), next = try await fileVIP(f)
            let phones = [first, next].compactMap { ($0["vipContact"] as? [String: Any])?["phone"] as? String }
            #expect(Set(phones) == ["+74951112233", "+78120001122"], "fewest open VIP tickets first")

            let reassigned = try await f.call(f.agent, "POST", "/v1/tickets/\(tid(first))/reassign", "{}")
            #expect(reassigned.status == 200, "\(reassigned.body)")
            let now = try #require(
                ((try JSONSerialization.jsonObject(with: Data(reassigned.body.utf8)) as? [String: Any])?["vipContact"] as? [String: Any])?["phone"] as? String,
                "a reassigned VIP ticket names its new responsible agent's phone")
            #expect(phones.count == 2)
            #expect(now == phones.last, "the other agent on duty takes it")
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid(first))/reassign", #"{"agentId":\#(f.accounting.user.id)}"#).body.contains("agent_not_available"))

            // Staff split it for its sender (a customer user's split would be theirs, at their own level: R-4.7).
            let split = try await f.call(f.agent, "POST", "/v1/tickets/\(tid(first))/split", #"{"subject":"Второе","description":"Ещё одна проблема"}"#)
            #expect(split.body.contains(#""vipContact":{"#))
            let disclosures = try await f.store.auditEntries(subject: nil).filter { $0.action == "vip.phone-disclosed" }
            #expect(disclosures.count == 4)
        }
    }
}
