import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// `GET /v1/sla/deadline?level=…&from=…`: the reaction deadline a ticket of that level
/// received at that instant would get, with the explanation.
struct SLARoutes {
    let desk: SLADesk

    func register(on router: Router<AssistRequestContext>) {
        router.get("/v1/sla/deadline") { request, _ -> SLADeadlineReport in
            let query = try QueryParameters(request, allowed: ["level", "from"])
            guard let levelText = query["level"] else {
                throw Problem.invalidQuery("The level parameter is missing: add level=, one of \(Self.levelList).")
            }
            guard let level = SLALevel(rawValue: levelText) else {
                throw Problem.invalidQuery("'\(levelText)' is not an SLA level: use one of \(Self.levelList).")
            }
            guard let fromText = query["from"] else {
                throw Problem.invalidQuery("The from parameter is missing: add from= with an RFC 3339 time, e.g. 2026-11-25T10:00:00+03:00.")
            }
            guard let from = RFC3339.parse(fromText) else {
                throw Problem.invalidQuery("'\(fromText)' is not an RFC 3339 time with an offset: use e.g. 2026-11-25T10:00:00+03:00.")
            }
            return SLADeadlineReport(try await desk.deadline(level: level, receivedAt: from))
        }
    }

    static let levelList = SLALevel.allCases.map(\.rawValue).joined(separator: ", ")
}

extension SLADeadlineReport: ResponseEncodable {}
