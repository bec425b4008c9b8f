import AssistCore
import AssistTestSupport
import Foundation
import Testing

/// The regulation's rules on tickets that the desk layer closed: operational confirmation,
/// next reactions, escalation, channels, joined remote sessions.
@Suite("Ticket rules over the API (R-2.5.1, R-2.5.2, R-2.4, R-5, R-4.5, R-1.4)")
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

    func queue(_ f: AccountFixture) async throws -> (outOfTurn: [[String: Any]], inTurn: [[String: Any]]) {
        let queue = try json(try await f.call(f.agent, "GET", "/v1/queue"))
        return (queue["outOfTurn"] as? [[String: Any]] ?? [], queue["inTurn"] as? [[String: Any]] ?? [])
    }

    @Test("R-2.5.1 / R-2.5.2 staff confirm an operational ticket: recorded once, the clock and queue place stay")
    func confirmOperational() async throws {
        try await AccountFixture.withLiveServer { f in
            let ticket = try await file(f, "operational")
            let tid = try #require(ticket["tid"] as? String)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"confirm"}"#).status == 403)
            let confirmed = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"confirm"}"#)
            #expect(confirmed.status == 200, "\(confirmed.body)")
            let view = try #require(try json(confirmed)["ticket"] as? [String: Any])
            #expect(view["operationalConfirmedAt"] != nil)
            #expect(view["reactionDeadline"] as? String == ticket["reactionDeadline"] as? String, "the deadline stays")
            #expect(try await queue(f).outOfTurn.map { $0["tid"] as? String } == [tid])
            let again = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"standard","reason":"x"}"#)
            #expect(again.status == 409 && again.body.contains("not_operational"), "decided once: \(again.body)")
            let events = try await f.store.events(ticketId: try #require(ticket["id"] as? Int).int64)
            #expect(events.filter { $0.kind == .operationalConfirmed }.count == 1)
            #expect(try await f.store.auditEntries(subject: "ticket:\(tid)").contains { $0.action == "sla.operational-confirmed" })
        }
    }

    @Test("R-2.5.1 / R-2.5.2 moving an operational ticket to standard needs a reason; the standard deadline counts from the same start; it leaves the out-of-turn list")
    func moveToStandard() async throws {
        try await AccountFixture.withLiveServer { f in
            let ticket = try await file(f, "operational")
            let tid = try #require(ticket["tid"] as? String)
            let noReason = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"standard"}"#)
            #expect(noReason.status == 400 && noReason.body.contains("reason_required"), "\(noReason.body)")
            let moved = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/class", #"{"decision":"standard","reason":"Работает, вопрос по настройке"}"#)
            #expect(moved.status == 200, "\(moved.body)")
            let view = try #require(try json(moved)["ticket"] as? [String: Any])
            #expect(view["slaLevel"] as? String == "free-standard")
            #expect(view["problemClass"] as? String == "standard")
            #expect(view["clockStartedAt"] as? String == ticket["clockStartedAt"] as? String, "the same clock start")
            let receivedText = try #require(ticket["receivedAt"] as? String)
            let received = try #require(RFC3339.parse(receivedText))
            let expected = DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: received).deadline
            #expect(view["reactionDeadline"] as? String == MoscowTime.format(expected), "two working days from the same start")
            #expect(try await queue(f).outOfTurn.isEmpty, "no longer out of turn")
            #expect(try await queue(f).inTurn.map { $0["tid"] as? String } == [tid])
            let events = try await f.store.events(ticketId: try #require(ticket["id"] as? Int).int64)
            #expect(events.contains { $0.kind == .classChanged && $0.detail.contains("Работает, вопрос по настройке") })
            let standard = try await file(f, "standard", subject: "Вопрос")
            let standardTID = try #require(standard["tid"] as? String)
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(standardTID)/class", #"{"decision":"confirm"}"#)
            #expect(refused.status == 409, "a standard ticket has nothing to confirm")
        }
    }

    @Test("R-2.4 each customer message after an answer starts a next-reaction clock, shown in the ticket and the queue; the agent's answer records it met")
    func nextReaction() async throws {
        try await AccountFixture.withLiveServer { f in
            let ticket = try await file(f, "standard")
            let tid = try #require(ticket["tid"] as? String)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Пришлите журнал"}"#).status == 201)
            #expect(try await queue(f).inTurn.isEmpty, "answered: nothing waits")
            let wrote = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Журнал во вложении"}"#)
            let view = try #require(try json(wrote)["ticket"] as? [String: Any])
            let due = try #require(view["nextReactionDue"] as? String)
            let sinceText = try #require(view["nextReactionSince"] as? String)
            let since = try #require(RFC3339.parse(sinceText))
            let expected = DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: since).deadline
            #expect(due == MoscowTime.format(expected), "the level's budget from the customer's message")
            let waiting = try #require(try await queue(f).inTurn.first)
            #expect(waiting["tid"] as? String == tid && waiting["waitingFor"] as? String == "next-reaction" && waiting["dueAt"] as? String == due)
            // A second message in the same round does not move the clock.
            let more = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"И ещё"}"#)
            #expect((try json(more)["ticket"] as? [String: Any])?["nextReactionDue"] as? String == due)
            let answered = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Смотрим"}"#)
            #expect((try json(answered)["ticket"] as? [String: Any])?["nextReactionDue"] == nil)
            let events = try await f.store.events(ticketId: try #require(ticket["id"] as? Int).int64)
            #expect(events.filter { $0.kind == .nextReactionDue }.count == 1)
            #expect(events.contains { $0.kind == .nextReaction && $0.detail.contains("met") })
            #expect(try await queue(f).inTurn.isEmpty)
        }
    }

    @Test("R-5 a customer escalates to the configured head of support: recorded every time, the head told once per ticket per day")
    func escalation() async throws {
        // One Moscow day for the whole test, whatever the hour it runs at.
        let clock = ManualClock(at: TestClock.now)
        try await AccountFixture.withLiveServer(LiveServer.settings { $0.headOfSupportUserId = 2 }, clock: clock) { f in
            #expect(f.agent.user.id == 2, "the fixture's agent is the head of support here")
            let ticket = try await file(f, "standard")
            let tid = try #require(ticket["tid"] as? String)
            let first = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"Прошу ускорить: стоит склад"}"#)
            #expect(first.status == 201, "\(first.body)")
            #expect(try json(first)["headNotified"] as? Bool == true)
            let second = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"Всё ещё стоит"}"#)
            #expect(try json(second)["headNotified"] as? Bool == false, "once per ticket per day")
            let escalations = try await f.store.notifications().filter { $0.kind == "escalation" }
            #expect(escalations.count == 1)
            #expect(escalations.first?.recipient == f.agent.user.email)
            #expect(escalations.first?.subject.contains("[\(tid)]") == true)
            #expect(escalations.first?.body.contains("Прошу ускорить: стоит склад") == true)
            let events = try await f.store.events(ticketId: try #require(ticket["id"] as? Int).int64)
            #expect(events.filter { $0.kind == .escalated }.count == 2, "both recorded")
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/escalation", #"{"message":"x"}"#).status == 403, "the customer escalates")
        }
    }

    @Test("R-4.5 every message records its channel: api for the API, email for mail handed in")
    func channels() async throws {
        try await AccountFixture.withLiveServer { f in
            let ticket = try await file(f, "standard")
            let tid = try #require(ticket["tid"] as? String)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let mailed = try await f.call(f.agent, "POST", "/v1/inbound", #"{"from":"boss@romashka.ru","subject":"Re: [\#(tid)]","body":"По почте"}"#)
            #expect(mailed.status == 200, "\(mailed.body)")
            let opened = try await f.call(f.agent, "POST", "/v1/inbound", #"{"from":"boss@romashka.ru","subject":"Новая проблема","body":"Письмом"}"#)
            #expect(opened.status == 201, "\(opened.body)")
            let messages = try await f.store.messages(ticketId: try #require(ticket["id"] as? Int).int64)
            #expect(messages.map(\.channel) == [.api, .email])
            let view = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)")
            #expect(view.body.contains(#""channel":"email""#) && view.body.contains(#""channel":"api""#))
            let mailTicket = try #require((try json(opened)["ticket"] as? [String: Any])?["id"] as? Int)
            #expect(try await f.store.messages(ticketId: mailTicket.int64).map(\.channel) == [.email])
        }
    }

    @Test("R-1.4 remote help needs a session the customer joined: one opened but not joined does not do")
    func remoteHelpNeedsAJoinedSession() async throws {
        try await AccountFixture.withLiveServer { f in
            let ticket = try await file(f, "standard")
            let tid = try #require(ticket["tid"] as? String)
            let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#)
            #expect(opened.status == 201)
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"update","channel":"remote"}"#)
            #expect(refused.status == 409 && refused.body.contains("remote_session_required"), "opened is not joined: \(refused.body)")
            #expect(try await f.store.meteredSessions(agentUserId: nil, ticketId: nil).isEmpty)
        }
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}
