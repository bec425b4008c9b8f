import AssistClient
import AssistCore
import AssistStore
import AssistTestSupport
import Foundation
import Testing

/// Every change of who may do what and who pays what leaves an entry in the audit log naming
/// who made it and the values before and after — never a secret.
@Suite("Admin actions are audited", .serialized)
struct AdminAuditTests {
    /// Every admin-only write of the API, as a concrete request. The test fails when the
    /// OpenAPI document has one this table lacks: a new admin route must be checked here.
    func requests(_ f: AccountFixture, agentId: Int64, tokenId: Int64, failedLetterId: Int64) -> [String: (method: String, path: String, body: String?)] {
        let customer = f.customerA.id
        return [
            "POST /v1/customers": ("POST", "/v1/customers", #"{"name":"ООО Вектор","inn":"7728168971"}"#),
            "POST /v1/customers/{id}/contracts": ("POST", "/v1/customers/\(customer)/contracts", #"{"tier":"vip","term":"year"}"#),
            "POST /v1/customers/{id}/emails": ("POST", "/v1/customers/\(customer)/emails", #"{"email":"boss@romashka.test"}"#),
            "DELETE /v1/customers/{id}/emails/{email}": ("DELETE", "/v1/customers/\(customer)/emails/boss@romashka.test", nil),
            "POST /v1/customers/{id}/groups": ("POST", "/v1/customers/\(customer)/groups", #"{"name":"Бухгалтерия","members":["a@romashka.test"]}"#),
            // The group the walk made just before (the first one of a fresh database).
            "PATCH /v1/customers/{id}/groups/{group}": (
                "PATCH", "/v1/customers/\(customer)/groups/1", #"{"name":"Финансы","add":["b@romashka.test"],"remove":["a@romashka.test"]}"#),
            "DELETE /v1/customers/{id}/groups/{group}": ("DELETE", "/v1/customers/\(customer)/groups/1", nil),
            "POST /v1/users": ("POST", "/v1/users", #"{"displayName":"Новый админ","email":"new-admin@desk.test","role":"admin"}"#),
            "PATCH /v1/users/{id}": ("PATCH", "/v1/users/\(agentId)", #"{"role":"admin","phone":"+7 495 123-45-67"}"#),
            "POST /v1/users/{id}/tokens": ("POST", "/v1/users/\(agentId)/tokens", #"{"label":"ci","expiresInDays":7}"#),
            "DELETE /v1/tokens/{id}": ("DELETE", "/v1/tokens/\(tokenId)", nil),
            "PUT /v1/calendar/years/{year}": (
                "PUT", "/v1/calendar/years/2028", #"{"holidays":["2028-01-01"],"workdays":[],"shortened":[],"note":"decree draft"}"#),
            "POST /v1/customers/{id}/entitlements/phone-install/restore": (
                "POST", "/v1/customers/\(customer)/entitlements/phone-install/restore", #"{"reason":"recorded by mistake"}"#),
            "POST /v1/notifications/{id}/retry": ("POST", "/v1/notifications/\(failedLetterId)/retry", nil),
        ]
    }

    @Test("each admin route of the API that writes adds an audit entry naming the admin, with the values before and after and no secret; a route missing from this walk fails it")
    func everyAdminWriteIsAudited() async throws {
        try await AccountFixture.withLiveServer { f in
            // What the routes need in place: an agent with a token to revoke, a spent phone install, a failed letter.
            let agent = try await f.person(.agent, "Второй агент")
            let tokenId = try #require(try await f.store.tokens(userId: agent.user.id).first?.id)
            let filed = try await f.call(f.agent, "POST", "/v1/tickets", #"{"customerId":\#(f.customerA.id),"senderEmail":"a@romashka.test","subject":"Установка","description":"Нужна установка","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install").status == 201)
            let letter = try #require(try await f.store.notifications().first)
            try await f.store.markFailed(notificationId: letter.id, reply: "550 no such user", at: TestClock.now)

            let document = try #require(try JSONSerialization.jsonObject(with: Data(try await f.client.send(path: "/v1/openapi.json").body)) as? [String: Any])
            var adminWrites: [String] = []
            for (path, operations) in try #require(document["paths"] as? [String: [String: Any]]) {
                for (method, operation) in operations where method != "get" {
                    let who = ((operation as? [String: Any])?["description"] as? String) ?? ""
                    if who.hasPrefix("Who: admin.") || who.hasPrefix("Who: admin;") { adminWrites.append("\(method.uppercased()) \(path)") }
                }
            }
            let table = requests(f, agentId: agent.user.id, tokenId: tokenId, failedLetterId: letter.id)
            #expect(Set(adminWrites) == Set(table.keys), "admin writes in the document but not walked: \(Set(adminWrites).subtracting(table.keys).sorted())")

            let order = ["POST /v1/customers", "POST /v1/customers/{id}/contracts", "POST /v1/customers/{id}/emails", "DELETE /v1/customers/{id}/emails/{email}",
                         "POST /v1/customers/{id}/groups", "PATCH /v1/customers/{id}/groups/{group}", "DELETE /v1/customers/{id}/groups/{group}", "POST /v1/users", "POST /v1/users/{id}/tokens", "PATCH /v1/users/{id}", "DELETE /v1/tokens/{id}",
                         "PUT /v1/calendar/years/{year}", "POST /v1/customers/{id}/entitlements/phone-install/restore", "POST /v1/notifications/{id}/retry"]
            #expect(Set(order) == Set(table.keys))
            var secrets: [String] = []
            for key in order {
                let request = try #require(table[key])
                let before = try await f.store.auditEntries(subject: nil).count
                let answer = try await f.call(f.admin, request.method, request.path, request.body)
                #expect((200..<300).contains(answer.status), "\(key): \(answer.status) \(answer.body)")
                if let token = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["token"] as? String { secrets.append(token) }
                let added = try await f.store.auditEntries(subject: nil).dropFirst(before)
                #expect(!added.isEmpty, "\(key) wrote without an audit entry")
                #expect(added.allSatisfy { $0.actorUserId == f.admin.user.id }, "\(key): \(added.map { "\($0.action) by \($0.actorUserId.map(String.init) ?? "nobody")" })")
            }
            let entries = try await f.store.auditEntries(subject: nil)
            #expect(!secrets.isEmpty && !entries.contains { entry in secrets.contains { entry.detail.contains($0) } }, "no token in the audit log")
            let roleChange = try #require(entries.last { $0.action == "user.role.changed" })
            #expect(roleChange.subject == "user:\(agent.user.id)" && roleChange.detail.contains("role agent → admin") && roleChange.detail.contains("phone none → +74951234567"),
                    "\(roleChange.detail)")
            #expect(entries.contains { $0.action == "contract.created" && $0.detail.contains("vip, year, 3000000 kopecks") })
            let verification = try await f.store.verifyAuditChain()
            guard case .intact = verification else { Issue.record("the audit chain breaks: \(verification)"); return }
        }
    }

    @Test("disabling and enabling a user, on the console as through the API, are audited; the last enabled admin can be neither disabled nor demoted")
    func disableEnableAndLastAdmin() async throws {
        try await WebConsoleTests.withConsole { f in
            let admin = try await WebConsoleTests.browser(signedInAs: f.admin.user.email, port: f.port)
            _ = try await admin.get("/admin/users/\(f.agent.user.id)")
            #expect(try await admin.post("/admin/users/\(f.agent.user.id)/disabled", [("disabled", "yes")]).status == 303)
            _ = try await admin.get("/admin/users/\(f.agent.user.id)")
            #expect(try await admin.post("/admin/users/\(f.agent.user.id)/disabled", [("disabled", "no")]).status == 303)
            _ = try await admin.get("/admin/users/\(f.accounting.user.id)")
            #expect(try await admin.post("/admin/users/\(f.accounting.user.id)/role", [("role", "agent")]).status == 303)
            let actions = try await f.store.auditEntries(subject: "user:\(f.agent.user.id)").map(\.action)
            #expect(actions.suffix(2) == ["user.disabled", "user.enabled"], "\(actions)")
            #expect(try await f.store.auditEntries(subject: "user:\(f.accounting.user.id)").last?.detail.contains("role accounting → agent") == true)

            let alone = try await f.call(f.admin, "PATCH", "/v1/users/\(f.admin.user.id)", #"{"disabled":true}"#)
            #expect(alone.status == 409 && alone.body.contains("last_admin"), "\(alone.body)")
            let demoted = try await f.call(f.admin, "PATCH", "/v1/users/\(f.admin.user.id)", #"{"role":"agent"}"#)
            #expect(demoted.status == 409 && demoted.body.contains("last_admin"), "\(demoted.body)")
            #expect(try await f.call(f.admin, "GET", "/v1/me").body.contains(#""role":"admin""#), "nothing changed")
            let customer = try await f.call(f.admin, "PATCH", "/v1/users/\(f.customerUser.user.id)", #"{"role":"admin"}"#)
            #expect(customer.status == 400 && customer.body.contains("customer user"), "\(customer.body)")
        }
    }

    @Test("the billing settings a server starts with are audited once, and again only when a restart changes them")
    func billingSettingsAtStartUp() async throws {
        let first = try await StartedServer.start()
        defer { first.killIfRunning() }
        func applied(_ server: StartedServer) async throws -> [String] {
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(try await server.admin.request(.GET, "/v1/audit?subject=settings"))) as? [[String: Any]])
            return entries.compactMap { $0["detail"] as? String }
        }
        #expect(try await applied(first).count == 1)
        first.kill9()
        let same = try await first.restart()
        #expect(try await applied(same).count == 1, "the same settings again: nothing new")
        same.kill9()
        let changed = try await first.restart(environment: ["ASSIST_BILLING_VAT": "22", "ASSIST_BILLING_PAYING_TIERS": "commercial,vip"])
        defer { changed.killIfRunning() }
        let details = try await applied(changed)
        #expect(details.count == 2, "\(details)")
        #expect(details.last?.contains("paying tiers commercial,vip") == true && details.last?.contains("VAT") == true, "\(details.last ?? "")")
    }
}
