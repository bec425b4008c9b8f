import AssistServer
import Foundation
import Testing

@testable import AssistStore

@Suite("Who may do what: every role against every account resource")
struct AccessControlTests {
    @Test("without a token, or with a bad one, every account route answers 401")
    func authenticationRequired() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            for (method, path) in [("GET", "/v1/me"), ("GET", "/v1/users"), ("POST", "/v1/customers"), ("DELETE", "/v1/tokens/1")] {
                #expect(try await f.call(nil, method, path).status == 401, "\(method) \(path)")
            }
            let forged = AccountFixture.Person(user: f.admin.user, token: "abt_" + String(repeating: "A", count: 43))
            let answer = try await f.call(forged, "GET", "/v1/me")
            #expect(answer.status == 401)
            #expect(answer.body.contains(#""code":"invalid_token""#))
        }
    }

    @Test("each role's answer for each resource")
    func roleMatrix() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let agentId = f.agent.user.id, a = f.customerA.id, b = f.customerB.id
            let newUser = #"{"displayName":"New","role":"agent"}"#
            let cases: [(String, String, String?, [Int])] = [
                // method, path, body, expected status for admin, agent, accounting, customer
                ("GET", "/v1/me", nil, [200, 200, 200, 200]),
                ("GET", "/v1/users", nil, [200, 403, 403, 403]),
                ("GET", "/v1/users/\(agentId)", nil, [200, 200, 404, 404]),
                ("PATCH", "/v1/users/\(agentId)", #"{"onDuty":true}"#, [200, 403, 403, 403]),
                ("GET", "/v1/customers/\(a)", nil, [200, 200, 200, 200]),
                ("GET", "/v1/customers/\(b)", nil, [200, 200, 200, 404]),
                ("POST", "/v1/customers", #"{"name":"ООО Новая"}"#, [201, 403, 403, 403]),
                ("GET", "/v1/users/\(agentId)/tokens", nil, [200, 403, 403, 403]),
                ("POST", "/v1/users/\(agentId)/tokens", #"{"label":"x"}"#, [201, 403, 403, 403]),
                ("PATCH", "/v1/me", #"{"onDuty":true}"#, [403, 200, 403, 403]),
            ]
            let people = [f.admin, f.agent, f.accounting, f.customerUser]
            for (method, path, body, expected) in cases {
                for (person, status) in zip(people, expected) {
                    let answer = try await f.call(person, method, path, body)
                    #expect(answer.status == status, "\(person.user.role.rawValue) \(method) \(path): \(answer.body)")
                }
            }
            for (person, index) in zip(people, 0...) {
                let status = try await f.call(person, "POST", "/v1/users", newUser.replacingOccurrences(of: "New", with: "New\(index)")).status
                #expect(status == (person.user.role == .admin ? 201 : 403))
            }
        }
    }

    @Test("a customer user lists only its own customer")
    func customerSeesOnlyItself() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let own = try await f.call(f.customerUser, "GET", "/v1/customers")
            #expect(own.body.contains("ООО Ромашка"))
            #expect(!own.body.contains("ИП Иванов"))
            let all = try await f.call(f.agent, "GET", "/v1/customers")
            #expect(all.body.contains("ИП Иванов"))
        }
    }

    @Test("a token is shown once, stored only as a hash, and stops working when revoked")
    func tokenLifecycle() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let created = try await f.call(f.admin, "POST", "/v1/users/\(f.agent.user.id)/tokens", #"{"label":"laptop","expiresInDays":7}"#)
            #expect(created.status == 201)
            let issued = try JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any]
            let secret = try #require(issued?["token"] as? String)
            let id = try #require(issued?["id"] as? Int)
            #expect(secret.hasPrefix("abt_") && secret.count == 47)

            let stored = try await f.store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT tokenHash || label || createdAt || expiresAt FROM accessToken")
            }
            #expect(!stored.contains { $0.contains(secret) || $0.contains(String(secret.dropFirst(4))) })
            #expect(try await f.call(f.admin, "GET", "/v1/users/\(f.agent.user.id)/tokens").body.contains("abt_") == false)

            let newAgent = AccountFixture.Person(user: f.agent.user, token: secret)
            #expect(try await f.call(newAgent, "GET", "/v1/me").status == 200)
            #expect(try await f.call(f.accounting, "DELETE", "/v1/tokens/\(id)").status == 404, "not the accountant's token")
            #expect(try await f.call(newAgent, "DELETE", "/v1/tokens/\(id)").status == 200, "its owner may revoke it")
            #expect(try await f.call(newAgent, "GET", "/v1/me").status == 401)
        }
    }

    @Test("a disabled user's tokens stop working")
    func disabledUser() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            #expect(try await f.call(f.agent, "GET", "/v1/me").status == 200)
            #expect(try await f.call(f.admin, "PATCH", "/v1/users/\(f.agent.user.id)", #"{"disabled":true}"#).status == 200)
            #expect(try await f.call(f.agent, "GET", "/v1/me").status == 401)
        }
    }

    @Test("each role's answer for tickets, contracts, calendar, queue, outbox and inbound")
    func ticketRoleMatrix() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let a = f.customerA.id, b = f.customerB.id
            func file(for customer: Int64) async throws -> String {
                let body = #"{"customerId":\#(customer),"senderEmail":"x@y.ru","subject":"S","description":"D","productVersion":"1","problemClass":"standard"}"#
                let answer = try await f.call(f.agent, "POST", "/v1/tickets", body)
                let view = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
                return try #require((view?["ticket"] as? [String: Any])?["tid"] as? String)
            }
            let own = try await file(for: a), foreign = try await file(for: b)
            let newTicket = #"{"subject":"S","description":"D","productVersion":"1","problemClass":"standard","customerId":\#(a),"senderEmail":"x@y.ru"}"#
            let cases: [(String, String, String?, [Int])] = [
                // method, path, body, expected status for admin, agent, accounting, customer (of A)
                ("GET", "/v1/tickets/\(own)", nil, [200, 200, 200, 200]),
                ("GET", "/v1/tickets/\(foreign)", nil, [200, 200, 200, 404]),
                ("POST", "/v1/tickets/\(foreign)/messages", #"{"body":"x"}"#, [201, 201, 403, 404]),
                ("POST", "/v1/tickets/\(own)/messages", #"{"body":"x"}"#, [201, 201, 403, 201]),
                // R-4.7: a customer files from its own address only, not for x@y.ru.
                ("POST", "/v1/tickets", newTicket, [201, 201, 403, 400]),
                ("POST", "/v1/tickets/\(own)/state", #"{"state":"waiting-for-customer"}"#, [200, 409, 403, 403]),
                // The admin's move is taken; the agent may move too, but the ticket is there already.
                ("POST", "/v1/tickets/\(own)/level", #"{"level":"consulting"}"#, [200, 409, 403, 403]),
                ("POST", "/v1/tickets/\(own)/rating", #"{"score":5}"#, [403, 403, 403, 409]),
                ("GET", "/v1/queue", nil, [200, 200, 403, 403]),
                ("GET", "/v1/notifications", nil, [200, 200, 403, 403]),
                ("POST", "/v1/inbound", #"{"from":"x@y.ru","subject":"Re: \#(own)","body":"b"}"#, [200, 200, 403, 403]),
                ("GET", "/v1/customers/\(a)/contracts", nil, [200, 200, 200, 200]),
                ("GET", "/v1/customers/\(b)/contracts", nil, [200, 200, 200, 404]),
                ("POST", "/v1/customers/\(a)/contracts", #"{"tier":"free"}"#, [201, 403, 403, 403]),
                ("GET", "/v1/customers/\(b)/tier", nil, [200, 200, 200, 404]),
                ("POST", "/v1/customers/\(a)/emails", #"{"email":"p@q.ru"}"#, [200, 403, 403, 403]),
                ("GET", "/v1/customers/\(b)/groups", nil, [200, 200, 200, 404]),
                ("GET", "/v1/calendar/revisions", nil, [200, 403, 403, 403]),
                ("PUT", "/v1/calendar/years/2030", #"{"holidays":[],"workdays":[],"shortened":[]}"#, [201, 403, 403, 403]),
            ]
            let people = [f.admin, f.agent, f.accounting, f.customerUser]
            for (method, path, body, expected) in cases {
                for (person, status) in zip(people, expected) {
                    let answer = try await f.call(person, method, path, body)
                    #expect(answer.status == status, "\(person.user.role.rawValue) \(method) \(path): \(answer.body)")
                }
            }
        }
    }
}
