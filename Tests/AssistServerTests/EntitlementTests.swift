import Foundation
import Testing

@Suite("The one-time phone install (R-1.5)")
struct EntitlementTests {
    func withTicket(_ body: (AccountFixture, String) async throws -> Void) async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Установка","description":"Помогите установить","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            try await body(f, tid)
        }
    }

    @Test("R-1.5 of 50 concurrent attempts exactly one consumes it; the rest get phone_install_used pointing to remote access")
    func onlyOnce() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<50 {
                    group.addTask { try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install") }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 1)
            let refused = answers.filter { $0.0 == 409 }
            #expect(refused.count == 49)
            #expect(refused.allSatisfy { $0.1.contains("phone_install_used") && $0.1.contains("TeamViewer or AmmyAdmin") && $0.1.contains(tid) })
            let audit = try await f.store.auditEntries(subject: "customer:\(f.customerA.id)")
            #expect(audit.map(\.action).filter { $0.hasPrefix("entitlement.") } == ["entitlement.phone-install.used"])
        }
    }

    @Test("an admin restores it with a reason (audited); then it can be used once more")
    func restore() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            let path = "/v1/customers/\(f.customerA.id)/entitlements"
            #expect(try await f.call(f.customerUser, "GET", path).body.contains(#""available":true"#))
            #expect(try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":"x"}"#).body.contains("phone_install_available"))
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install").status == 201)
            #expect(try await f.call(f.customerUser, "GET", path).body.contains(#""available":false"#))
            #expect(try await f.call(f.agent, "POST", "\(path)/phone-install/restore", #"{"reason":"x"}"#).status == 403)
            #expect(try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":""}"#).status == 400)

            let restored = try await f.call(f.admin, "POST", "\(path)/phone-install/restore", #"{"reason":"Установка сорвалась по нашей вине"}"#)
            #expect(restored.status == 200)
            #expect(restored.body.contains(#""available":true"#) && restored.body.contains(#""restorations":1"#))
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install").status == 201)
            let audit = try await f.call(f.admin, "GET", "/v1/audit?subject=customer:\(f.customerA.id)")
            #expect(audit.body.contains("Установка сорвалась по нашей вине"))
            let entries = try await f.store.auditEntries(subject: nil)
            #expect(entries.filter { $0.action.hasPrefix("entitlement.") }.count == 3)
            #expect(try await f.store.verifyAuditChain() == .intact(entries: entries.count))
            #expect(try await f.call(f.customerUser, "GET", "/v1/customers/\(f.customerB.id)/entitlements").status == 404)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/phone-install").status == 403)
        }
    }

    @Test("R-1.5 revised: a commercial customer's first phone install is the one-time install, spent (201); the next is refused with the way to bill it (R-2.6)")
    func commercialPhone() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"commercial"}"#)
            let first = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install")
            #expect(first.status == 201 && first.body.contains(#""available":false"#), "\(first.body)")
            let second = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install")
            #expect(second.status == 409 && second.body.contains("phone_install_used") && second.body.contains("/metered"), "\(second.body)")
        }
    }
}
