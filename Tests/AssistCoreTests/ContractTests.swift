import AssistCore
import Foundation
import Testing

@Suite("Contracts, tariffs and the tier in force")
struct ContractTests {
    func contract(_ tier: ContractTier, _ term: ContractTerm, from start: String, id: Int64 = 1) throws -> Contract {
        let new = try NewContract(customerId: 1, tier: tier, term: term, startsOn: LocalDate(start)!, tariffs: Tariffs(vipMonthKopecks: 400_000))
        return Contract(
            id: id, customerId: 1, tier: tier, term: term, startsOn: new.startsOn, endsOn: new.endsOn,
            priceKopecks: new.priceKopecks, createdAt: Date(timeIntervalSince1970: 1_795_555_815))
    }

    @Test("R-2.6 terms: a year or a month from the start, the last covered day inclusive", arguments: [
        (ContractTerm.year, "2026-01-15", "2027-01-14"), (.year, "2024-02-29", "2025-02-28"), (.year, "2026-03-01", "2027-02-28"),
        (.month, "2026-01-31", "2026-02-28"), (.month, "2026-12-10", "2027-01-09"), (.month, "2024-01-30", "2024-02-29"),
    ])
    func termEnds(term: ContractTerm, start: String, last: String) {
        #expect(term.lastDay(from: LocalDate(start)!)?.description == last)
        #expect(ContractTerm.unlimited.lastDay(from: LocalDate(start)!) == nil)
    }

    @Test("R-2.6 prices: commercial 15 000 RUB a year, VIP 30 000 a year; monthly VIP only once configured")
    func tariffs() throws {
        let defaults = Tariffs()
        #expect(try defaults.price(tier: .commercial, term: .year) == 1_500_000)
        #expect(try defaults.price(tier: .vip, term: .year) == 3_000_000)
        #expect(try defaults.price(tier: .free, term: .unlimited) == 0)
        #expect(throws: Tariffs.Refusal.vipMonthPriceMissing) { try defaults.price(tier: .vip, term: .month) }
        #expect(throws: Tariffs.Refusal.termNotOffered(.commercial, .month)) { try defaults.price(tier: .commercial, term: .month) }
        #expect(try Tariffs(vipMonthKopecks: 400_000).price(tier: .vip, term: .month) == 400_000)
    }

    @Test("R-2.6 the tier in force: the highest contract covering the instant; expired or none means free")
    func tierInForce() throws {
        let commercial = try contract(.commercial, .year, from: "2026-01-15", id: 1)
        let vipMonth = try contract(.vip, .month, from: "2026-06-01", id: 2)
        let all = [commercial, vipMonth]
        #expect(Contract.tierInForce([], at: moscow("2026-03-01T12:00")).tier == .free)
        #expect(Contract.tierInForce(all, at: moscow("2026-03-01T12:00")) == (.commercial, commercial))
        #expect(Contract.tierInForce(all, at: moscow("2026-06-15T12:00")).tier == .vip)
        #expect(Contract.tierInForce(all, at: moscow("2026-07-01T00:00")).tier == .commercial, "the VIP month ended on 30 June")
        #expect(Contract.tierInForce(all, at: moscow("2026-01-14T23:59:59")).tier == .free, "not started yet")
        #expect(Contract.tierInForce(all, at: moscow("2027-01-14T23:59:59")).tier == .commercial, "last covered day, Moscow time")
        #expect(Contract.tierInForce(all, at: moscow("2027-01-15T00:00")).tier == .free, "expired means free")
    }
}

@Suite("SLA level assignment")
struct SLAAssignmentTests {
    @Test("R-2.5 the level by tier and problem class, for a registered sender", arguments: [
        (ContractTier.free, ProblemClass.operational, SLALevel.freeOperational), (.free, .standard, .freeStandard),
        (.commercial, .operational, .commercialOperational), (.commercial, .standard, .commercialStandard),
        (.vip, .operational, .vip), (.vip, .standard, .vip),
        (.noncommercial, .operational, .noncommercial), (.noncommercial, .standard, .noncommercial),
    ])
    func levels(tier: ContractTier, problemClass: ProblemClass, level: SLALevel) {
        #expect(SLAAssignment.level(tier: tier, problemClass: problemClass, senderIsRegistered: true) == level)
    }

    @Test("R-4.7 a sender not on the licence nor in a commercial group gets free support", arguments: [
        (ContractTier.commercial, ProblemClass.operational, SLALevel.freeOperational), (.commercial, .standard, .freeStandard),
        (.vip, .operational, .freeOperational), (.free, .standard, .freeStandard), (.noncommercial, .standard, .noncommercial),
    ])
    func unregisteredSender(tier: ContractTier, problemClass: ProblemClass, level: SLALevel) {
        #expect(SLAAssignment.level(tier: tier, problemClass: problemClass, senderIsRegistered: false) == level)
    }
}
