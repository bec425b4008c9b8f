import Foundation
import Testing

@Suite("One problem per VIP ticket (R-2.5.3)")
struct VIPProblemTests {
    func file(_ f: AccountFixture, sender: String) async throws -> [String: Any] {
        let body = #"{"customerId":\#(f.customerA.id),"senderEmail":"\#(sender)","subject":"Не открывается отчёт","description":"Ошибка","productVersion":"5.2","problemClass":"standard"}"#
        let answer = try await f.call(f.agent, "POST", "/v1/tickets", body)
        return try #require((try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])
    }

    @Test("a VIP ticket refuses a second problem; staff split it into a linked VIP ticket with its own TID and clock; a customer user's split is theirs (R-4.7)")
    func vipTicket() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let vip = try await file(f, sender: "boss@romashka.ru")
            let tid = try #require(vip["tid"] as? String)
            #expect(vip["slaLevel"] as? String == "vip")
            #expect(vip["state"] as? String == "in-progress", "a VIP ticket goes straight into processing")

            let second = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/problems", #"{"description":"И ещё не печатает"}"#)
            #expect(second.status == 409)
            #expect(second.body.contains(#""code":"vip_second_problem""#))
            #expect(second.body.contains("/v1/tickets/\(tid)/split"))
            #expect(try await f.store.problems(ticketId: 1).isEmpty)

            let split = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/split", #"{"subject":"Не печатает","description":"И ещё не печатает"}"#)
            #expect(split.status == 201, "\(split.body)")
            let child = try #require((try JSONSerialization.jsonObject(with: Data(split.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])
            #expect(child["splitFrom"] as? String == tid)
            #expect(child["slaLevel"] as? String == "vip")
            #expect(child["tid"] as? String != tid)
            #expect(child["senderEmail"] as? String == "boss@romashka.ru")
            let origin = try await f.call(f.agent, "GET", "/v1/tickets/\(tid)")
            #expect(origin.body.contains("Split off into \(child["tid"] as? String ?? "?")"))
            #expect(try await f.store.notifications().filter { $0.kind == "ticket-accepted" }.count == 2, "the split ticket gets its own confirmation")
            // A customer user (not a licence address) splits from their own address, at the level it has.
            let own = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/split", #"{"subject":"Отчёт","description":"Не строится отчёт"}"#)
            let theirs = try #require((try JSONSerialization.jsonObject(with: Data(own.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])
            #expect(theirs["senderEmail"] as? String == f.customerUser.user.email && theirs["slaLevel"] as? String == "free-standard", "\(own.body)")
        }
    }

    @Test("an ordinary ticket carries several problems; accounting and other customers cannot add them")
    func ordinaryTicket() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let tid = try #require(try await file(f, sender: "someone@romashka.ru")["tid"] as? String)
            let added = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/problems", #"{"description":"И ещё не печатает"}"#)
            #expect(added.status == 201)
            #expect(added.body.contains(#""problems":[{"#) && added.body.contains("И ещё не печатает"))
            #expect(try await f.call(f.accounting, "POST", "/v1/tickets/\(tid)/problems", #"{"description":"x"}"#).status == 403)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/problems", #"{"description":""}"#).status == 400)
        }
    }
}
