import Foundation
import Testing

/// What the API makes of the one-time phone install (R-1.5): routes, codes and JSON. The rule,
/// races included, is tested at the desk.
@Suite("The one-time phone install over TLS (R-1.5)")
struct EntitlementTests {
    @Test("GET entitlements; POST …/phone-install 201 then 409 phone_install_used; restore 409 while available, 403 for an agent, 400 without a reason, 200 with the count; another customer's is 404")
    func routes() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Установка","description":"Помогите установить","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            let path = "/v1/customers/\(f.customerA.id)/entitlements"
            #expect(try await f.call(f.customerUser, "GET", path).body.contains(#""available":true"#))
            let early = try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":"x"}"#)
            #expect(early.status == 409 && early.body.contains(#""code":"phone_install_available""#), "\(early.body)")
            let used = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install")
            #expect(used.status == 201 && used.body.contains(#""available":false"#), "\(used.body)")
            let again = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install")
            #expect(again.status == 409 && again.body.contains(#""code":"phone_install_used""#), "\(again.body)")
            #expect(try await f.call(f.agent, "POST", "\(path)/phone-install/restore", #"{"reason":"x"}"#).status == 403)
            #expect(try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":""}"#).status == 400)
            let restored = try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":"Установка сорвалась по нашей вине"}"#)
            #expect(restored.status == 200 && restored.body.contains(#""available":true"#) && restored.body.contains(#""restorations":1"#))
            #expect(try await f.call(f.customerUser, "GET", "/v1/customers/\(f.customerB.id)/entitlements").status == 404)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/phone-install").status == 403)
        }
    }
}
