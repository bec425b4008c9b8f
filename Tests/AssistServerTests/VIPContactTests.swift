import Foundation
import Testing

/// What the API makes of VIP contacts (R-2.5.3): the ticket's `vipContact` and `vipContactPending`,
/// the reassign route and its refusals. Who is chosen and when is tested at the desk.
@Suite("VIP phone contacts over TLS (R-2.5.3)")
struct VIPContactTests {
    func fileVIP(_ f: AccountFixture) async throws -> [String: Any] {
        let answer = try await f.call(f.agent, "POST", "/v1/tickets",
            #"{"customerId":\#(f.customerA.id),"senderEmail":"boss@romashka.ru","subject":"Срочно","description":"Не работает","productVersion":"5.2","problemClass":"operational"}"#)
        #expect(answer.status == 201, "\(answer.body)")
        return (try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]) ?? [:]
    }

    func tid(_ view: [String: Any]) -> String { (view["ticket"] as? [String: Any])?["tid"] as? String ?? "" }

    @Test("the ticket answers vipContactPending, then vipContact with the phone; reassign answers the new contact, 422 agent_not_available for a non-agent; PATCH role 409 agent_holds_vip_tickets")
    func routes() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let pending = try await fileVIP(f)
            #expect(pending["vipContactPending"] as? Bool == true && pending["vipContact"] == nil)
            #expect(try await f.call(f.agent, "PATCH", "/v1/me", #"{"onDuty":true}"#).status == 200)
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"phone":"+7 495 111-22-33","onDuty":true}"#)
            let view = try await fileVIP(f)
            let contact = try #require(view["vipContact"] as? [String: Any])
            #expect(contact["phone"] as? String == "+74951112233" && contact["agentName"] as? String == "Agent")
            #expect(view["vipContactPending"] as? Bool == false)
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid(view))").body.contains("+74951112233"))

            let second = try await f.call(f.admin, "POST", "/v1/users", #"{"displayName":"Пётр","role":"agent","phone":"+7 812 000-11-22"}"#)
            let secondId = try #require((try JSONSerialization.jsonObject(with: Data(second.body.utf8)) as? [String: Any])?["id"] as? Int)
            _ = try await f.call(f.admin, "PATCH", "/v1/users/\(secondId)", #"{"onDuty":true}"#)
            let reassigned = try await f.call(f.agent, "POST", "/v1/tickets/\(tid(view))/reassign", "{}")
            #expect(reassigned.status == 200 && reassigned.body.contains("+78120001122"), "\(reassigned.body)")
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(tid(view))/reassign", #"{"agentId":\#(f.accounting.user.id)}"#)
            #expect(refused.status == 422 && refused.body.contains(#""code":"agent_not_available""#), "\(refused.body)")
            let role = try await f.call(f.admin, "PATCH", "/v1/users/\(secondId)", #"{"role":"accounting"}"#)
            #expect(role.status == 409 && role.body.contains(#""code":"agent_holds_vip_tickets""#), "\(role.body)")
        }
    }
}
