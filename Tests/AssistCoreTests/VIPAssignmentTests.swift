import AssistCore
import Foundation
import Testing

@Suite("Choosing the responsible agent for a VIP ticket (R-2.5.3)")
struct VIPAssignmentTests {
    let now = Date(timeIntervalSince1970: 1_795_555_815)

    @Test("fewest open VIP tickets first, then the longest idle (never assigned first), then the lowest id")
    func order() {
        typealias C = VIPAssignment.Candidate
        #expect(VIPAssignment.choose(from: [C(userId: 1, openVIPTickets: 2, lastAssignedAt: nil), C(userId: 2, openVIPTickets: 1, lastAssignedAt: now)])?.userId == 2)
        #expect(VIPAssignment.choose(from: [C(userId: 1, openVIPTickets: 1, lastAssignedAt: now), C(userId: 2, openVIPTickets: 1, lastAssignedAt: nil)])?.userId == 2)
        #expect(VIPAssignment.choose(from: [
            C(userId: 1, openVIPTickets: 0, lastAssignedAt: now), C(userId: 2, openVIPTickets: 0, lastAssignedAt: now.addingTimeInterval(-60)),
        ])?.userId == 2)
        #expect(VIPAssignment.choose(from: [C(userId: 5, openVIPTickets: 0, lastAssignedAt: nil), C(userId: 3, openVIPTickets: 0, lastAssignedAt: nil)])?.userId == 3)
        #expect(VIPAssignment.choose(from: []) == nil)
    }
}
