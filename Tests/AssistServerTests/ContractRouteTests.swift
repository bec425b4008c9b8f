import AssistServer
import Foundation
import Testing

@Suite("Contracts, tier, licence e-mails and groups over the API")
struct ContractRouteTests {
    @Test("R-2.6 an admin makes a commercial contract: priced, dated; the tier is commercial within it and free after")
    func commercialContract() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let id = f.customerA.id
            let made = try await f.call(f.admin, "POST", "/v1/customers/\(id)/contracts", #"{"tier":"commercial","startsOn":"2026-01-15"}"#)
            #expect(made.status == 201, "\(made.body)")
            #expect(made.body.contains(#""endsOn":"2027-01-14""#))
            #expect(made.body.contains(#""priceKopecks":1500000"#))
            #expect(made.body.contains(#""term":"year""#))

            let inside = try await f.call(f.agent, "GET", "/v1/customers/\(id)/tier?at=2026-11-25T12:00:00%2B03:00")
            #expect(inside.body.contains(#""tier":"commercial""#))
            let after = try await f.call(f.agent, "GET", "/v1/customers/\(id)/tier?at=2027-01-15T00:00:00%2B03:00")
            #expect(after.body.contains(#""tier":"free""#))
            #expect(after.body.contains(#""contract":null"#) || !after.body.contains(#""contract""#))

            #expect(try await f.call(f.customerUser, "GET", "/v1/customers/\(id)/contracts").status == 200)
            #expect(try await f.call(f.customerUser, "GET", "/v1/customers/\(f.customerB.id)/contracts").status == 404)
            #expect(try await f.call(f.agent, "POST", "/v1/customers/\(id)/contracts", #"{"tier":"vip"}"#).status == 403)
        }
    }

    @Test("R-2.6 a monthly VIP contract needs its price configured first")
    func vipMonthPrice() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let refused = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip","term":"month"}"#)
            #expect(refused.status == 422)
            #expect(refused.body.contains(#""code":"vip_month_price_missing""#))
            #expect(refused.body.contains("ASSIST_TARIFF_VIP_MONTH_KOPECKS"))
            #expect(try await f.store.contracts(customerId: f.customerA.id).isEmpty)
        }
        try await AccountFixture.withLiveServer(LiveServer.settings { $0.vipMonthKopecks = 400_000 }) { (f: AccountFixture) async throws in
            let made = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"vip","term":"month","startsOn":"2026-01-31"}"#)
            #expect(made.status == 201)
            #expect(made.body.contains(#""priceKopecks":400000"#))
            #expect(made.body.contains(#""endsOn":"2026-02-28""#))
        }
    }

    @Test("bad contract input is refused and nothing is stored", arguments: [
        (#"{"tier":"gold"}"#, 400, "invalid_field"), (#"{"tier":"commercial","term":"month"}"#, 422, "term_not_offered"),
        (#"{"tier":"commercial","startsOn":"2026-02-30"}"#, 400, "invalid_field"), (#"{"tier":"free","until":"x"}"#, 400, "unknown_field"),
    ])
    func badContracts(body: String, status: Int, code: String) async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let answer = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", body)
            #expect(answer.status == status)
            #expect(answer.body.contains(#""code":"\#(code)""#))
            #expect(try await f.store.contracts(customerId: f.customerA.id).isEmpty)
        }
    }

    @Test("R-4.7 licence e-mails and commercial groups: admins edit, the customer sees its own")
    func licenceAndGroups() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let id = f.customerA.id
            #expect(try await f.call(f.admin, "POST", "/v1/customers/\(id)/emails", #"{"email":"Boss@Romashka.ru"}"#).body == #"["boss@romashka.ru"]"#)
            #expect(try await f.call(f.admin, "POST", "/v1/customers/\(id)/emails", #"{"email":"nope"}"#).status == 400)
            #expect(try await f.call(f.agent, "POST", "/v1/customers/\(id)/emails", #"{"email":"x@y.ru"}"#).status == 403)
            #expect(try await f.call(f.customerUser, "GET", "/v1/customers/\(id)/emails").body.contains("boss@romashka.ru"))

            let group = try await f.call(f.admin, "POST", "/v1/customers/\(id)/groups", #"{"name":"IT","members":["Dev@Romashka.ru"]}"#)
            #expect(group.status == 201)
            #expect(group.body.contains("dev@romashka.ru"))
            #expect(try await f.call(f.admin, "POST", "/v1/customers/\(id)/groups", #"{"name":"IT","members":[]}"#).status == 409)
            #expect(try await f.store.isRegisteredSender("dev@romashka.ru", customerId: id))

            #expect(try await f.call(f.admin, "DELETE", "/v1/customers/\(id)/emails/boss@romashka.ru").status == 200)
            #expect(try await f.call(f.admin, "DELETE", "/v1/customers/\(id)/emails/boss@romashka.ru").status == 404)
        }
    }
}
