import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// hour totals on PostgreSQL: the same Moscow dates, the same billable sessions, paged.
@Suite("Hour totals on PostgreSQL (R-3.2)")
struct PostgresHoursTests {
    @Test("R-3.2 stopped, reviewed sessions are totalled by customer, kind and ticket on Moscow dates (00:30 Moscow is the next day); a running or flagged one is not; pages continue after their key")
    func totals() async throws {
        let uri = try await TestPostgres.database()
        let node = try await PostgresDatabase.open(uri: uri, connections: 2)
        try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).execute("""
                INSERT INTO customer (id, name, createdAt) VALUES (1, 'ООО Ромашка', now()), (2, 'ООО Лютик', now());
                INSERT INTO userAccount (id, displayName, role, createdAt) VALUES (1, 'Агент', 'agent', now());
                INSERT INTO ticket (id, tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state,
                    slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation) VALUES
                    (1, 'TID-2026-000001', 1, 'a', 'b', '5.2', 'standard', 'a@b.ru', now(), 'new', 'free-standard', now(), now(), 1, '[]'),
                    (2, 'TID-2026-000002', 2, 'a', 'b', '5.2', 'standard', 'a@b.ru', now(), 'new', 'free-standard', now(), now(), 1, '[]');
                INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour, roundingIncrementSeconds,
                    roundingMinimumSeconds, startedAt, stoppedAt, rawSeconds, billedSeconds, amountKopecks, flaggedForReview) VALUES
                    (1, 1, 1, 'install', 'remote', 150000, 60, 0, '2026-12-07 21:30:00+00', '2026-12-07 22:00:00+00', 1800, 1800, 75000, false),
                    (1, 1, 1, 'update', 'remote', 150000, 60, 0, '2026-12-08 08:00:00+00', '2026-12-08 08:10:00+00', 590, 600, 25000, false),
                    (2, 2, 1, 'update', 'remote', 150000, 60, 0, '2026-12-08 09:00:00+00', '2026-12-08 09:30:00+00', 1800, 1800, 75000, true),
                    (2, 2, 1, 'update', 'remote', 150000, 60, 0, '2026-12-08 10:00:00+00', NULL, NULL, NULL, NULL, false);
                """)
        }
        let december = try #require(LocalDate("2026-12-08"))
        let byCustomer = try await node.hourTotals(from: december, to: december, by: .customer, afterKey: nil, limit: 10)
        #expect(byCustomer.map(\.key) == ["1"] && byCustomer.first?.sessions == 2 && byCustomer.first?.amountKopecks == 100_000)
        #expect(byCustomer.first?.firstDate == december && byCustomer.first?.billedSeconds == 2_400, "21:30 UTC on the 7th is the 8th in Moscow")
        let seventh = try #require(LocalDate("2026-12-07"))
        #expect(try await node.hourTotals(from: seventh, to: seventh, by: .customer, afterKey: nil, limit: 10).isEmpty)
        let byKind = try await node.hourTotals(from: december, to: december, by: .kind, afterKey: nil, limit: 1)
        #expect(byKind.map(\.key) == ["install"])
        #expect(try await node.hourTotals(from: december, to: december, by: .kind, afterKey: "install", limit: 1).map(\.key) == ["update"])
        #expect(try await node.hourTotals(from: december, to: december, by: .ticket, afterKey: nil, limit: 5).map(\.key) == ["TID-2026-000001"])
        try await node.close()
    }
}
