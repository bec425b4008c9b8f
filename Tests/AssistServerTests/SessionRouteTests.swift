import Foundation
import Testing

@testable import AssistStore

@Suite("Remote-access sessions over the API (R-1.4)")
struct SessionRouteTests {
    func withTicket(_ body: (AccountFixture, String) async throws -> Void) async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Установка","description":"Помогите","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            try await body(f, tid)
        }
    }

    func json(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("open → the customer reads the code and PIN → joins → passes its password → the agent reads it → end wipes everything")
    func lifecycle() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123 456-789"}"#)
            #expect(opened.status == 201, "\(opened.body)")
            let session = try #require(json(opened.body)["session"] as? [String: Any])
            let id = try #require(session["id"] as? Int)
            #expect(session["customerRemoteId"] as? String == "123456789")
            #expect(session["agentName"] as? String == "Agent")
            let pin = try #require((json(opened.body)["credentials"] as? [String: Any])?["pin"] as? String)
            #expect(pin.count == 6 && pin.allSatisfy(\.isNumber))

            let read = try await f.call(f.customerUser, "GET", "/v1/sessions/\(id)/credentials")
            #expect(read.status == 200)
            #expect(read.body.contains(pin))
            #expect(try await f.call(f.admin, "GET", "/v1/sessions/\(id)/credentials").status == 403, "not even admins")
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)/sessions").body.contains(pin) == false, "listings carry no secrets")

            let wrong = try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"000000"}"#)
            #expect(wrong.status == 403)
            #expect(!wrong.body.contains(pin), "a refusal never shows the secret")
            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(pin)"}"#).body.contains(#""state":"active""#))
            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(pin)"}"#).body.contains("pin_used"))

            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/password", #"{"password":"xy42zq"}"#).status == 200)
            #expect(try await f.call(f.agent, "GET", "/v1/sessions/\(id)/credentials").body.contains("xy42zq"))

            #expect(try await f.call(f.agent, "POST", "/v1/sessions/\(id)/end").body.contains(#""state":"ended""#))
            #expect(try await f.call(f.agent, "POST", "/v1/sessions/\(id)/end").body.contains("session_not_active"))
            #expect(try await f.call(f.customerUser, "GET", "/v1/sessions/\(id)/credentials").body.contains("credentials_wiped"))

            let reads = try await f.store.auditEntries(subject: "ticket:\(tid)").filter { $0.action == "session.credentials.read" }
            #expect(reads.count == 3, "the agent at opening, the customer, the agent again")
            let everything = try await f.store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT detail FROM auditEntry") + String.fetchAll(db, sql: "SELECT body FROM notification")
            }
            #expect(!everything.contains { $0.contains(pin) || $0.contains("xy42zq") }, "no secret in the audit log or the outbox")
        }
    }

    @Test("who may open, see and read: agents open; other customers see nothing; bad IDs are refused")
    func access() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            #expect(try await f.call(f.admin, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#).status == 403)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#).status == 403)
            let badId = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"ammyadmin","customerRemoteId":"12-34"}"#)
            #expect(badId.status == 400)
            #expect(badId.body.contains("invalid_remote_id"))
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"anydesk","customerRemoteId":"12345678"}"#).status == 400)

            let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"ammyadmin","customerRemoteId":"12 345 678"}"#)
            let id = try #require((json(opened.body)["session"] as? [String: Any])?["id"] as? Int)
            let credentials = try await f.client.send(path: "/v1/sessions/\(id)/credentials", headers: [("Authorization", "Bearer \(f.agent.token)")])
            #expect(credentials.header("Cache-Control") == "no-store")
            #expect(try await f.call(f.accounting, "GET", "/v1/sessions/\(id)").status == 403)
            #expect(try await f.call(f.admin, "GET", "/v1/sessions/\(id)").status == 200)
            #expect(try await f.call(f.agent, "POST", "/v1/sessions/\(id)/cancel").body.contains(#""state":"cancelled""#))
        }
    }
}
