import Foundation
import Testing

@Suite("Metered help over the API (R-3.2, R-1.4, R-1.5)")
struct MeteringRouteTests {
    func withTicket(_ body: (AccountFixture, String) async throws -> Void) async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Обновление","description":"Помогите обновить","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            try await body(f, tid)
        }
    }

    func joinedSession(_ f: AccountFixture, _ tid: String) async throws {
        let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#)
        let view = try JSONSerialization.jsonObject(with: Data(opened.body.utf8)) as? [String: Any]
        let id = try #require((view?["session"] as? [String: Any])?["id"] as? Int)
        let pin = try #require((view?["credentials"] as? [String: Any])?["pin"] as? String)
        #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(pin)"}"#).status == 200)
    }

    @Test("R-1.4 remote help needs a remote session the customer joined; then one running session per agent")
    func remote() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#)
            #expect(refused.status == 409)
            #expect(refused.body.contains("remote_session_required"))
            #expect(try await f.store.meteredSessions(agentUserId: nil, ticketId: nil).isEmpty)

            try await joinedSession(f, tid)
            let started = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#)
            #expect(started.status == 201, "\(started.body)")
            #expect(started.body.contains(#""rateKopecksPerHour":150000"#))
            let id = try #require((try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any])?["id"] as? Int)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"install","channel":"remote"}"#).body.contains("agent_has_running_session"))

            try await Task.sleep(for: .milliseconds(1100))  // at least one whole second metered
            let stopped = try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop")
            #expect(stopped.status == 200)
            #expect(stopped.body.contains(#""billedSeconds":60"#), "a started minute is billed")
            #expect(stopped.body.contains(#""amountKopecks":2500"#))
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop").body.contains("already_stopped"))
            #expect(try await f.call(f.accounting, "GET", "/v1/metered?ticket=\(tid)").body.contains(#""amountKopecks":2500"#))
            #expect(try await f.call(f.customerUser, "GET", "/v1/metered").status == 403)
            #expect(try await f.call(f.admin, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#).status == 403)
        }
    }

    @Test("R-3.2 help is timed on an existing ticket only: an unknown or malformed TID is 404, and nothing starts")
    func unknownTicket() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            try await joinedSession(f, tid)
            let year = tid.split(separator: "-")[1]
            for other in ["TID-\(year)-999999", "TID-0000-1", "nonsense%00"] {
                let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(other)/metered", #"{"kind":"update","channel":"remote"}"#)
                #expect(refused.status == 404, "\(other): \(refused.body)")
                #expect(refused.body.contains("ticket_not_found"), "\(refused.body)")
            }
            #expect(try await f.store.meteredSessions(agentUserId: nil, ticketId: nil).isEmpty)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#).status == 201,
                    "the agent's refused starts left no running session behind")
        }
    }

    @Test("R-1.5 the phone channel spends the one-time install and is free; a second time is refused")
    func phoneInstall() async throws {
        try await withTicket { (f: AccountFixture, tid: String) async throws in
            let started = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"install","channel":"phone-install"}"#)
            #expect(started.status == 201)
            #expect(started.body.contains(#""rateKopecksPerHour":0"#))
            let id = try #require((try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any])?["id"] as? Int)
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop").body.contains(#""amountKopecks":0"#))
            let again = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"install","channel":"phone-install"}"#)
            #expect(again.status == 409)
            #expect(again.body.contains("phone_install_used"))
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"coffee","channel":"remote"}"#).status == 400)
        }
    }
}
