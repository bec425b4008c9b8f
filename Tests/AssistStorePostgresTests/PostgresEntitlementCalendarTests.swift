import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// on PostgreSQL, from two nodes: the phone install spent once, and calendar
/// revisions that neither node loses nor keeps stale.
@Suite("Entitlements and calendar revisions on PostgreSQL")
struct PostgresEntitlementCalendarTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    /// Two nodes on one new database with a customer (1), an admin (1) and a ticket (1).
    func twoNodes() async throws -> (PostgresDatabase, PostgresDatabase) {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).execute("""
                INSERT INTO customer (id, name, createdAt) VALUES (1, 'ООО Ромашка', now());
                INSERT INTO userAccount (id, displayName, role, createdAt) VALUES (1, 'Админ', 'admin', now());
                INSERT INTO ticket (id, tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state,
                    slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation)
                    VALUES (1, 'TID-2026-000001', 1, 'Установка', 'Помогите', '5.2', 'standard', 'a@b.ru', now(), 'new', 'free-standard', now(), now(), 1, '[]');
                """)
        }
        return (nodeA, try await PostgresDatabase.open(uri: uri, connections: 4))
    }

    @Test("R-1.5 thirty attempts from two nodes at once spend the phone install exactly once; the rest are told the ticket it was used on; restored once, it is available again, both audited")
    func phoneInstallOnce() async throws {
        let (nodeA, nodeB) = try await twoNodes()
        let outcomes = await withTaskGroup(of: Result<PhoneInstallEntitlement, any Error>.self) { group in
            for index in 0..<30 {
                let node = index.isMultiple(of: 2) ? nodeA : nodeB
                group.addTask {
                    do { return .success(try await node.usePhoneInstall(customerId: 1, ticketId: 1, tid: "TID-2026-000001", by: 1, at: instant)) }
                    catch { return .failure(error) }
                }
            }
            return await group.reduce(into: [Result<PhoneInstallEntitlement, any Error>]()) { $0.append($1) }
        }
        let spent = outcomes.compactMap { try? $0.get() }
        #expect(spent.count == 1 && spent.first?.available == false && spent.first?.usedOnTicket == "TID-2026-000001")
        let refusals = outcomes.compactMap { outcome -> EntitlementError? in
            if case .failure(let error) = outcome { return error as? EntitlementError } else { return nil }
        }
        #expect(refusals.count == 29 && refusals.allSatisfy { $0 == .phoneInstallUsed(usedOnTicket: "TID-2026-000001") })
        let restored = try await nodeB.restorePhoneInstall(customerId: 1, reason: "сорвалось по нашей вине", by: 1, at: instant)
        #expect(restored.available && restored.restorations == 1)
        await #expect(throws: EntitlementError.phoneInstallAvailable) {
            _ = try await nodeA.restorePhoneInstall(customerId: 1, reason: "ещё раз", by: 1, at: instant)
        }
        let actions = try await nodeA.auditEntries(subject: "customer:1").map(\.action)
        #expect(actions == ["entitlement.phone-install.used", "entitlement.phone-install.restored"])
        #expect(try await nodeA.verifyAuditChain() == .intact(entries: 2))
        try await nodeA.close()
        try await nodeB.close()
    }

    @Test("R-2.2 two admins on two nodes saving on the same revision: one is stored, the other told it changed meanwhile; each node reads the newest revision at once")
    func calendarRevisions() async throws {
        let (nodeA, nodeB) = try await twoNodes()
        #expect(try await nodeA.currentCalendar() == .builtIn)
        func document(_ day: Int) throws -> ProductionCalendar.Document {
            var document = ProductionCalendar.builtIn.document
            document.years["2028"] = ProductionCalendar.Year(holidays: [try #require(LocalDate(year: 2028, month: 1, day: day))])
            return document
        }
        let audit: @Sendable (Int) -> AuditNote = { AuditNote(action: "calendar.revised", subject: "calendar:\($0)", detail: "2028", actor: 1) }
        let saves = await withTaskGroup(of: Bool.self) { group in
            for (index, node) in [nodeA, nodeB].enumerated() {
                group.addTask {
                    (try? await node.saveCalendar(try document(3 + index), basedOn: 1, note: "2028", by: 1, at: instant, audit: audit)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(saves.filter { $0 }.count == 1)
        await #expect(throws: CalendarStoreError.changedMeanwhile) {
            _ = try await nodeB.saveCalendar(try document(5), basedOn: 1, note: "stale", by: 1, at: instant, audit: audit)
        }
        let third = try await nodeB.saveCalendar(try document(6), basedOn: 2, note: "2028 amended", by: 1, at: instant, audit: audit)
        #expect(third.revision == 3)
        // Node A parsed revision 1 (built in) before: it sees 3 at once, with its holiday.
        let seen = try await nodeA.currentCalendar()
        let sixth = try #require(LocalDate(year: 2028, month: 1, day: 6))
        #expect(seen.revision == 3 && seen.years[2028]?.holidays == [sixth])
        #expect(try await nodeA.calendarRevisions().map(\.revision) == [1, 2, 3])
        try await nodeA.close()
        try await nodeB.close()
    }
}
