import AssistCore
import Foundation
import Testing

@Suite("Production calendar revisions (R-2.2)")
struct CalendarRouteTests {
    static let year2028 = #"{"holidays":["2028-01-03","2028-01-04"],"workdays":["2028-01-08"],"shortened":["2028-01-08"],"note":"2028 decree"}"#

    @Test("an admin adds 2028 without a release: a new revision that deadlines use at once")
    func addYear() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            #expect(try await f.call(nil, "GET", "/v1/calendar").body.contains(#""revision":1"#))
            let before = try await f.call(nil, "GET", "/v1/sla/deadline?level=commercial-operational&from=2028-01-03T09:00:00%2B03:00")
            #expect(before.body.contains("no data for 2028"))
            #expect(before.body.contains(#""deadline":"2028-01-03T11:00:00+03:00""#))

            let saved = try await f.call(f.admin, "PUT", "/v1/calendar/years/2028", Self.year2028)
            #expect(saved.status == 201, "\(saved.body)")
            #expect(saved.body.contains(#""revision":2"#))
            #expect(saved.body.contains("2027-12-31"), "earlier years are kept")

            let after = try await f.call(nil, "GET", "/v1/sla/deadline?level=commercial-operational&from=2028-01-03T09:00:00%2B03:00")
            #expect(after.body.contains(#""deadline":"2028-01-05T11:00:00+03:00""#), "3 and 4 January are now holidays")
            #expect(after.body.contains(#""calendarRevision":2"#))
            #expect(!after.body.contains("no data for 2028"))
            let revisions = try await f.call(f.admin, "GET", "/v1/calendar/revisions")
            #expect(revisions.body.contains("2028 decree"))
        }
    }

    @Test("a calendar edit does not move the deadline a ticket already has")
    func existingDeadlinesStay() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"S","description":"D","productVersion":"1","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            let original = try #require(try await f.store.ticket(tid: tid))

            // Declare every remaining day of this year and the next a holiday: deadlines from now would move far away.
            let today = MoscowTime.date(of: TestClock.now)
            for year in [today.year, today.year + 1] {
                let days = (0..<370).map { today.adding(days: $0) }.filter { $0.year == year }.map { "\"\($0)\"" }.joined(separator: ",")
                let body = #"{"holidays":[\#(days)],"workdays":[],"shortened":[]}"#
                #expect(try await f.call(f.admin, "PUT", "/v1/calendar/years/\(year)", body).status == 201)
            }

            let kept = try #require(try await f.store.ticket(tid: tid))
            #expect(kept.reactionDeadline == original.reactionDeadline)
            #expect(kept.calendarRevision == 1)
            let next = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"S2","description":"D","productVersion":"1","problemClass":"standard"}"#)
            #expect(next.body.contains(#""calendarRevision":3"#))
        }
    }

    @Test("bad calendar edits are refused and no revision is made", arguments: [
        ("2028", #"{"holidays":[],"workdays":["2028-01-05"],"shortened":[]}"#, 422, "invalid_calendar"),
        ("2028", #"{"holidays":["2029-01-01"],"workdays":[],"shortened":[]}"#, 422, "invalid_calendar"),
        ("28", #"{"holidays":[],"workdays":[],"shortened":[]}"#, 422, "invalid_calendar"),
        ("2028", #"{"holidays":["3 January"],"workdays":[],"shortened":[]}"#, 400, "invalid_field"),
        ("2028", #"{"holidays":[]}"#, 400, "invalid_field"),
    ])
    func badEdits(year: String, body: String, status: Int, code: String) async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let answer = try await f.call(f.admin, "PUT", "/v1/calendar/years/\(year)", body)
            #expect(answer.status == status)
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
            #expect(try await f.store.calendarRevisions().count == 1)
            #expect(try await f.call(f.agent, "PUT", "/v1/calendar/years/2028", CalendarRouteTests.year2028).status == 403)
        }
    }
}
