import AssistCore
import Foundation
import Testing

@Suite("Tickets over the API")
struct TicketRouteTests {
    func ticket(_ answer: (status: Int, body: String)) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        return try #require(object?["ticket"] as? [String: Any], "\(answer.body)")
    }

    static let body = #"{"subject":"Не запускается","description":"После обновления сервис не стартует","productVersion":"5.2","problemClass":"PC"}"#

    @Test("R-4.7 / R-2.5 the level comes from the tier in force and the sender; a confirmation names TID and level (R-4.3)")
    func levelAssignment() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let a = f.customerA.id
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(a)/contracts", #"{"tier":"commercial"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(a)/emails", #"{"email":"boss@romashka.ru"}"#)
            func file(_ sender: String, _ problemClass: String) async throws -> [String: Any] {
                let json = Self.body.replacingOccurrences(of: "PC", with: problemClass)
                    .replacingOccurrences(of: "{", with: #"{"customerId":\#(a),"senderEmail":"\#(sender)","#)
                let answer = try await f.call(f.agent, "POST", "/v1/tickets", json)
                #expect(answer.status == 201, "\(answer.body)")
                return try ticket(answer)
            }
            #expect(try await file("boss@romashka.ru", "operational")["slaLevel"] as? String == "commercial-operational")
            #expect(try await file("Boss@Romashka.ru", "standard")["slaLevel"] as? String == "commercial-standard")
            #expect(try await file("intern@romashka.ru", "standard")["slaLevel"] as? String == "free-standard")
            let last = try await file("intern@romashka.ru", "operational")
            #expect(last["slaLevel"] as? String == "free-operational")
            #expect(last["tid"] as? String == "TID-\(MoscowTime.date(of: TestClock.now).year)-000004")
            #expect(last["calendarRevision"] as? Int == 1)
            #expect((last["deadlineExplanation"] as? [String])?.isEmpty == false)

            let outbox = try await f.call(f.admin, "GET", "/v1/notifications")
            #expect(outbox.body.contains("TID-"))
            #expect(outbox.body.contains("бесплатная поддержка, критическая проблема") && !outbox.body.contains("free-operational"))
            #expect(try await f.call(f.customerUser, "GET", "/v1/notifications").status == 403)
        }
    }

    @Test("a customer files and reads its own tickets only; accounting reads but cannot write")
    func customerAccess() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: "standard"))
            #expect(filed.status == 201, "\(filed.body)")
            let tid = try #require(try ticket(filed)["tid"] as? String)
            #expect(try ticket(filed)["senderEmail"] as? String == "client@example.ru")
            #expect(!filed.body.contains(#""events""#), "events are for staff")

            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)").status == 200)
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets").body.contains(tid))
            let foreign = try await f.call(
                f.customerUser, "POST", "/v1/tickets",
                Self.body.replacingOccurrences(of: "PC", with: "standard").replacingOccurrences(of: "{", with: #"{"customerId":\#(f.customerB.id),"#))
            #expect(foreign.status == 400)

            #expect(try await f.call(f.accounting, "GET", "/v1/tickets/\(tid)").status == 200)
            #expect(try await f.call(f.accounting, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"x"}"#).status == 403)
            #expect(try await f.call(f.accounting, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: "standard")).status == 403)
            #expect(try await f.call(f.agent, "GET", "/v1/tickets/TID-2026-999999").status == 404)
            #expect(try await f.call(f.agent, "GET", "/v1/tickets/not-a-tid").status == 404)
        }
    }

    @Test("R-4.4 the thread: the first agent reply stops the clock; the customer sees every message")
    func thread() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: "standard"))
            let tid = try #require(try ticket(filed)["tid"] as? String)
            let answered = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Пришлите журнал, пожалуйста."}"#)
            #expect(answered.status == 201)
            #expect(try ticket(answered)["state"] as? String == "in-progress")
            #expect(try ticket(answered)["firstResponseAt"] != nil)
            #expect(try ticket(answered)["reactionMet"] as? Bool == true)
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"waiting-for-customer"}"#)
            let back = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"Журнал во вложении."}"#)
            #expect(try ticket(back)["state"] as? String == "in-progress", "the customer's answer puts it back in progress")
            let seen = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)")
            #expect(seen.body.contains("Пришлите журнал") && seen.body.contains("Журнал во вложении"))
        }
    }

    @Test("R-4.9 states: postponing needs a reason; impossible moves are refused; R-5 one rating after resolution")
    func statesAndRating() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: "standard"))
            let tid = try #require(try ticket(filed)["tid"] as? String)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"postponed"}"#).body.contains("reason_required"))
            let postponed = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"postponed","reason":"needs-development"}"#)
            #expect(try ticket(postponed)["stateReason"] as? String == "needs-development")
            let illegal = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"closed"}"#)
            #expect(illegal.status == 409)
            #expect(illegal.body.contains("transition_not_allowed"))
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/state", #"{"state":"resolved"}"#).status == 403)

            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/rating", #"{"score":5}"#).body.contains("not_resolved"))
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"resolved"}"#)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/rating", #"{"score":5}"#).status == 403)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/rating", #"{"score":6}"#).status == 400)
            let rated = try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/rating", #"{"score":4,"comment":"Спасибо"}"#)
            #expect(try ticket(rated)["rating"] as? Int == 4)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/rating", #"{"score":5}"#).body.contains("already_rated"))
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/state", #"{"state":"closed"}"#)
            #expect(try await f.call(f.customerUser, "POST", "/v1/tickets/\(tid)/messages", #"{"body":"ещё"}"#).body.contains("ticket_closed"))
        }
    }

    @Test("R-2.5.5 / R-2.5.6 POST …/level: 400 for an unknown level, 409 no_development, 200 with the new level, deadline and its event")
    func levelMove() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: "operational"))
            let tid = try #require(try ticket(filed)["tid"] as? String)
            #expect(try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/level", #"{"level":"vip"}"#).status == 400)
            let refused = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/level", #"{"level":"development"}"#)
            #expect(refused.status == 409 && refused.body.contains(#""code":"no_development""#), "\(refused.body)")
            let moved = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/level", #"{"level":"consulting"}"#)
            #expect(try ticket(moved)["slaLevel"] as? String == "consulting")
            #expect(moved.body.contains(#""kind":"level-changed""#))
            #expect(moved.body.contains("free-operational → consulting"))
            // When the new clock runs from is the desk's rule (LevelMoveTests); the API answers the new deadline.
            let after = try ticket(moved), before = try ticket(filed)
            #expect(after["reactionDeadline"] as? String != before["reactionDeadline"] as? String)
        }
    }

    @Test("R-2.2 the queue: operational tickets out of turn with the recorded reason, then arrival order; answered ones leave")
    func queue() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            var tids: [String] = []
            for problemClass in ["standard", "operational", "standard"] {
                let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", Self.body.replacingOccurrences(of: "PC", with: problemClass))
                tids.append(try #require(try ticket(filed)["tid"] as? String))
            }
            let queue = try JSONSerialization.jsonObject(with: Data(try await f.call(f.agent, "GET", "/v1/queue").body.utf8)) as? [String: Any]
            let outOfTurn = (queue?["outOfTurn"] as? [[String: Any]])?.compactMap { $0["tid"] as? String }
            let inTurn = (queue?["inTurn"] as? [[String: Any]])?.compactMap { $0["tid"] as? String }
            #expect(outOfTurn == [tids[1]])
            #expect(inTurn == [tids[0], tids[2]])
            #expect(((queue?["outOfTurn"] as? [[String: Any]])?.first?["outOfTurnReason"] as? String)?.contains("R-2.2") == true)

            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tids[0])/messages", #"{"body":"Смотрим"}"#)
            #expect(!(try await f.call(f.agent, "GET", "/v1/queue").body.contains(tids[0])))
            #expect(try await f.call(f.customerUser, "GET", "/v1/queue").status == 403)
        }
    }

    @Test("bad ticket input is refused and nothing is stored", arguments: [
        (#"{"subject":"x","description":"y","productVersion":"1"}"#, "invalid_field"),
        (#"{"subject":"x","description":"y","productVersion":"1","problemClass":"urgent"}"#, "invalid_field"),
        (#"{"subject":"","description":"y","productVersion":"1","problemClass":"standard"}"#, "invalid_field"),
        (#"{"subject":"x","description":"y","productVersion":"1","problemClass":"standard","senderEmail":"nope"}"#, "invalid_email"),
        (#"{"subject":"x","description":"y","productVersion":"1","problemClass":"standard","priority":1}"#, "unknown_field"),
    ])
    func badTickets(body: String, code: String) async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let answer = try await f.call(f.customerUser, "POST", "/v1/tickets", body)
            #expect(answer.status == 400)
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
            #expect(try await f.store.tickets(customerId: nil, state: nil).isEmpty)
            #expect(try await f.store.notifications().isEmpty)
        }
    }
}
