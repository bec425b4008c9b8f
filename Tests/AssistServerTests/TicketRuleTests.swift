import AssistCore
import AssistTestSupport
import Foundation
import Testing

/// What the API makes of the ticket rules' use cases: the routes, their status codes, problem+json
/// codes and the JSON they answer. The rules themselves are tested at the desk (AssistDeskTests).
@Suite("Ticket rule routes over TLS (R-2.5.1, R-2.4, R-5, R-4.5, R-1.4)")
struct TicketRuleTests {
    static func body(_ problemClass: String, subject: String = "Не запускается") -> String {
        #"{"subject":"\#(subject)","description":"Сервис не стартует","productVersion":"5.2","problemClass":"\#(problemClass)"}"#
    }

    func file(_ f: AccountFixture, _ problemClass: String, subject: String = "Не запускается") async throws -> [String: Any] {
        let answer = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body(problemClass, subject: subject))
        #expect(answer.status == 201, "\(answer.body)")
        return try #require(((try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any]))
    }

    func json(_ answer: (status: Int, body: String)) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any], "\(answer.body)")
    }

    @Test("R-2.5.1 / R-2.5.2 POST /v1/tickets/{tid}/class: 403 for a customer, 400 reason_required, 200 with the ticket, 409 not_operational once decided; the queue shows it")
    func classDecision() async throws {
        try await AccountFixture.withLiveServer { f in
            let tid = try #require(try await file(f, "operational")["tid"] as? String)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"confirm"}"#).status == 403)
            let noReason = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"standard"}"#)
            #expect(noReason.status == 400 && noReason.body.contains(#""code":"reason_required""#), "\(noReason.body)")
            let confirmed = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"confirm"}"#)
            #expect(confirmed.status == 200, "\(confirmed.body)")
            #expect((try json(confirmed)["ticket"] as? [String: Any])?["operationalConfirmedAt"] != nil)
            let again = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"standard","reason":"x"}"#)
            #expect(again.status == 409 && again.body.contains(#""code":"not_operational""#), "\(again.body)")
            let queue = try json(try await f.call(f.agent, "GET", "/v1/queue"))
            #expect((queue["outOfTurn"] as? [[String: Any]])?.first?["tid"] as? String == tid)
        }
    }

    @Test("R-2.4 the ticket and the queue show a next-reaction round: nextReactionSince/Due and waitingFor next-reaction")
    func nextReaction() async throws {
        try await AccountFixture.withLiveServer { f in
            let tid = try #require(try await file(f, "standard")["tid"] as? String)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Пришлите журнал"}"#).status == 201)
            let wrote = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Журнал во вложении"}"#)
            let view = try #require(try json(wrote)["ticket"] as? [String: Any])
            let due = try #require(view["nextReactionDue"] as? String)
            #expect(view["nextReactionSince"] is String)
            let waiting = try #require((try json(try await f.call(f.agent, "GET", "/v1/queue"))["inTurn"] as? [[String: Any]])?.first)
            #expect(waiting["tid"] as? String == tid && waiting["waitingFor"] as? String == "next-reaction" && waiting["dueAt"] as? String == due)
        }
    }

    @Test("R-5 POST /v1/tickets/{tid}/escalation: 201 with headNotified, true then false the same day; 403 for staff")
    func escalation() async throws {
        // One Moscow day for the whole test, whatever the hour it runs at.
        let clock = ManualClock(at: TestClock.now)
        try await AccountFixture.withLiveServer(LiveServer.settings { $0.headOfSupportUserId = 2 }, clock: clock) { f in
            let tid = try #require(try await file(f, "standard")["tid"] as? String)
            let first = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"Прошу ускорить: стоит склад"}"#)
            #expect(first.status == 201, "\(first.body)")
            #expect(try json(first)["headNotified"] as? Bool == true)
            let second = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"Всё ещё стоит"}"#)
            #expect(second.status == 201)
            #expect(try json(second)["headNotified"] as? Bool == false, "once per ticket per working day")
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"x"}"#).status == 403, "the customer escalates")
        }
    }

    @Test("R-4.5 a message's channel is in the ticket's JSON: api for the API, email for mail handed in through POST /v1/inbound")
    func channels() async throws {
        try await AccountFixture.withLiveServer { f in
            let tid = try #require(try await file(f, "standard")["tid"] as? String)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let mailed = try await f.call(f.agent, "POST", "/v1/inbound", #"{"from":"boss@romashka.ru","subject":"Re: [\#(tid)]","body":"По почте"}"#)
            #expect(mailed.status == 200, "\(mailed.body)")
            let view = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)")
            #expect(view.body.contains(#""channel":"email""#) && view.body.contains(#""channel":"api""#))
        }
    }

    @Test("R-1.4 POST /v1/tickets/{tid}/metered on a session nobody joined: 409 remote_session_required")
    func remoteHelpNeedsAJoinedSession() async throws {
        try await AccountFixture.withLiveServer { f in
            let tid = try #require(try await file(f, "standard")["tid"] as? String)
            let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#)
            #expect(opened.status == 201)
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#)
            #expect(refused.status == 409 && refused.body.contains(#""code":"remote_session_required""#), "\(refused.body)")
        }
    }
}
