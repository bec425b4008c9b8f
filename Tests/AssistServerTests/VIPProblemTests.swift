import Foundation
import Testing

/// What the API makes of problems and splits (R-2.5.3): the routes, codes and JSON. The rule
/// (one problem per VIP ticket, who a split is from) is tested at the desk.
@Suite("Problems and splits over TLS (R-2.5.3)")
struct VIPProblemTests {
    func file(_ f: AccountFixture, sender: String) async throws -> [String: Any] {
        let body = #"{"customerId":\#(f.customerA.id),"senderEmail":"\#(sender)","subject":"Не открывается отчёт","description":"Ошибка","productVersion":"5.2","problemClass":"standard"}"#
        let answer = try await f.call(f.agent, "POST", "/v1/tickets", body)
        return try #require((try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])
    }

    @Test("POST …/problems: 409 vip_second_problem naming the split route; 201 with the problems; 403 for accounting, 400 for an empty one. POST …/split: 201 with splitFrom")
    func routes() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let tid = try #require(try await file(f, sender: "boss@romashka.ru")["tid"] as? String)
            let second = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/problems", #"{"description":"И ещё не печатает"}"#)
            #expect(second.status == 409 && second.body.contains(#""code":"vip_second_problem""#) && second.body.contains("/v1/tickets/\(tid)/split"))
            let split = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/split", #"{"subject":"Не печатает","description":"И ещё не печатает"}"#)
            #expect(split.status == 201 && split.body.contains(#""splitFrom":"\#(tid)""#), "\(split.body)")

            let ordinary = try #require(try await file(f, sender: "someone@romashka.ru")["tid"] as? String)
            let added = try await f.call(f.customerUser, "POST", "/v1/tickets/\(ordinary)/problems", #"{"description":"И ещё не печатает"}"#)
            #expect(added.status == 201 && added.body.contains(#""problems":[{"#) && added.body.contains("И ещё не печатает"))
            #expect(try await f.call(f.accounting, "POST", "/v1/tickets/\(ordinary)/problems", #"{"description":"x"}"#).status == 403)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(ordinary)/problems", #"{"description":""}"#).status == 400)
        }
    }
}
