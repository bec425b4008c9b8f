import AssistCore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// What decides a customer's SLA, on PostgreSQL: contracts, licence addresses, commercial groups.
@Suite("Contracts, licence addresses and groups on PostgreSQL (R-2.6, R-4.7)")
struct PostgresContractStoreTests {
    let instant = RFC3339.parse("2026-12-07T23:40:00+03:00")!

    func twoNodes() async throws -> (PostgresDatabase, PostgresDatabase) {
        let uri = try await TestPostgres.database()
        let nodeA = try await PostgresDatabase.open(uri: uri, connections: 4)
        try await TestPostgres.blocking {
            try PostgresConnection(uri: uri).execute("INSERT INTO customer (id, name, createdAt) VALUES (1, 'ООО Ромашка', now()), (2, 'ООО Лютик', now())")
        }
        return (nodeA, try await PostgresDatabase.open(uri: uri, connections: 4))
    }

    func note(_ action: String) -> AuditNote { AuditNote(action: action, subject: "customer:1", detail: action, actor: nil) }

    @Test("a contract reads back as written (tier, term, dates, price, rounding, instant); an unknown customer is refused; the tier in force decides from what is stored")
    func contracts() async throws {
        let (node, other) = try await twoNodes()
        var new = try NewContract(customerId: 1, tier: .commercial, term: .year, startsOn: try #require(LocalDate("2026-12-01")), tariffs: Tariffs())
        new.rounding = RoundingRule(incrementSeconds: 900, minimumSeconds: 1800)
        let stored = try await node.createContract(new, at: instant) { AuditNote(action: "contract.created", subject: "contract:\($0.id)", detail: "x", actor: nil) }
        #expect(stored.tier == .commercial && stored.term == .year && stored.startsOn == LocalDate("2026-12-01") && stored.endsOn == new.endsOn)
        #expect(stored.priceKopecks == new.priceKopecks && stored.rounding == new.rounding && stored.createdAt == instant)
        #expect(try await other.contracts(customerId: 1) == [stored])
        #expect(Contract.tierInForce(try await other.contracts(customerId: 1), at: instant).tier == .commercial)
        await #expect(throws: AccountStoreError.customerNotFound(9)) {
            _ = try await node.createContract(try NewContract(customerId: 9, tier: .commercial, term: .year, startsOn: try #require(LocalDate("2026-12-01")), tariffs: Tariffs()), at: instant) { _ in note("x") }
        }
        #expect(try await node.auditEntries(subject: nil).count == 1)
        try await node.close()
        try await other.close()
    }

    @Test("R-4.7 licence addresses and group members register a sender, for their customer only; a second add is no change and not audited; a group name is the customer's once, even renamed from two nodes at once")
    func senders() async throws {
        let (node, other) = try await twoNodes()
        try await node.addLicenceEmail("boss@romashka.ru", customerId: 1, audit: note("licence.added"), at: instant)
        try await other.addLicenceEmail("boss@romashka.ru", customerId: 1, audit: note("licence.added"), at: instant)
        #expect(try await node.licenceEmails(customerId: 1) == ["boss@romashka.ru"])
        let group = try await node.createGroup(customerId: 1, name: "Бухгалтерия", members: ["buh@romashka.ru", "buh@romashka.ru"], at: instant) { _ in note("group.created") }
        #expect(group.members == ["buh@romashka.ru"])
        #expect(try await other.isRegisteredSender("buh@romashka.ru", customerId: 1))
        #expect(try await other.isRegisteredSender("buh@romashka.ru", customerId: 2) == false)
        #expect(try await other.customerIds(registeringSender: "boss@romashka.ru") == [1])
        await #expect(throws: AccountStoreError.groupNameTaken("Бухгалтерия")) {
            _ = try await other.createGroup(customerId: 1, name: "Бухгалтерия", members: [], at: instant) { _ in note("group.created") }
        }
        let second = try await node.createGroup(customerId: 1, name: "Склад", members: [], at: instant) { _ in note("group.created") }
        let third = try await node.createGroup(customerId: 1, name: "Офис", members: [], at: instant) { _ in note("group.created") }
        let renames = await withTaskGroup(of: Bool.self) { tasks in
            for (id, node) in [(second.id, node), (third.id, other)] {
                tasks.addTask {
                    (try? await node.changeGroup(id: id, customerId: 1, name: "Руководство", adding: [], removing: [], at: instant) { _, _ in note("group.changed") }) != nil
                }
            }
            return await tasks.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(renames.filter { $0 }.count == 1, "one rename wins")
        let changed = try await other.changeGroup(id: group.id, customerId: 1, name: nil, adding: ["kassa@romashka.ru"], removing: ["buh@romashka.ru"], at: instant) { _, _ in
            note("group.changed")
        }
        #expect(changed.members == ["kassa@romashka.ru"])
        #expect(try await node.isRegisteredSender("buh@romashka.ru", customerId: 1) == false, "a member taken out no longer counts")
        await #expect(throws: AccountStoreError.groupNotFound(group.id)) {
            try await node.deleteGroup(id: group.id, customerId: 2, at: instant) { _ in note("group.deleted") }
        }
        try await node.deleteGroup(id: group.id, customerId: 1, at: instant) { _ in note("group.deleted") }
        #expect(try await other.groups(customerId: 1).map(\.name).count == 2)
        #expect(try await node.removeLicenceEmail("boss@romashka.ru", customerId: 1, audit: note("licence.removed"), at: instant))
        #expect(try await node.removeLicenceEmail("boss@romashka.ru", customerId: 1, audit: note("licence.removed"), at: instant) == false)
        let actions = try await node.auditEntries(subject: nil).map(\.action)
        #expect(try await node.verifyAuditChain() == .intact(entries: 8), "\(actions)")
        try await node.close()
        try await other.close()
    }
}
