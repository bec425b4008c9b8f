import AssistTestSupport
import Foundation
import Testing

@Suite("GET /v1/sla/deadline")
struct SLARouteTests {
    static func query(_ level: String, _ from: String) -> String {
        "/v1/sla/deadline?level=\(level)&from=\(from.replacingOccurrences(of: "+", with: "%2B"))"
    }

    @Test("R-2.2 a ticket received before opening gets its deadline counted from 10:00, with the explanation")
    func deadlineWithExplanation() async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, Self.query("commercial-operational", "2026-11-25T08:00:00+03:00"))
            let report = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            #expect(report?["deadline"] as? String == "2026-11-25T11:00:00+03:00")
            #expect(report?["clockStart"] as? String == "2026-11-25T10:00:00+03:00")
            #expect(report?["calendarRevision"] as? Int == 1)
            #expect((report?["explanation"] as? [String])?.isEmpty == false)
        }
    }

    @Test("the API and `assistd sla deadline --json` give the same answer")
    func apiMatchesCLI() async throws {
        try await LiveServer.with { port, _ in
            for (level, from) in [("free-standard", "2026-04-28T18:30:00+03:00"), ("vip", "2025-12-30T16:45:10Z")] {
                let api = await Tools.curl(port, Self.query(level, from))
                let cli = await ExternalProcess.run(
                    Tools.buildDirectory.appendingPathComponent("assistd").path,
                    ["sla", "deadline", "--level", level, "--from", from, "--json"])
                #expect(cli.exitCode == 0)
                #expect(api.standardOutput == cli.standardOutput.trimmingCharacters(in: .newlines))
            }
        }
    }

    @Test("R-2.5.3 the 24x7 switch puts VIP tickets on a wall clock")
    func vipAroundTheClock() async throws {
        try await LiveServer.with(LiveServer.settings { $0.vipAroundTheClock = true }) { port, _ in
            let result = await Tools.curl(port, Self.query("vip", "2026-11-25T19:30:00+03:00"))
            #expect(result.standardOutput.contains(#""deadline":"2026-11-25T20:30:00+03:00""#))
        }
    }

    @Test("bad queries get problem+json with a stable code and what to do", arguments: [
        ("/v1/sla/deadline?from=2026-11-25T10:00:00Z", "400 invalid_query"),
        ("/v1/sla/deadline?level=gold&from=2026-11-25T10:00:00Z", "400 invalid_query"),
        ("/v1/sla/deadline?level=vip", "400 invalid_query"),
        ("/v1/sla/deadline?level=vip&from=yesterday", "400 invalid_query"),
        ("/v1/sla/deadline?level=vip&from=2026-11-25T10:00:00", "400 invalid_query"),
        ("/v1/sla/deadline?level=vip&from=1999-01-01T10:00:00Z", "422 date_out_of_range"),
    ])
    func badQueries(path: String, expected: String) async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, path, ["-w", "\n%{http_code}"])
            let lines = result.standardOutput.split(separator: "\n")
            let problem = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect("\(lines.last ?? "") \(problem?["code"] as? String ?? "")" == expected)
            // The sentence ends with what to do: "…: use …", "…: add …", "…: give …".
            let detail = problem?["detail"] as? String ?? ""
            #expect(["use", "add", "give"].contains { detail.contains(": \($0) ") }, "\(detail)")
        }
    }
}
