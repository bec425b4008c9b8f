import AssistCore
import AssistDesk
import Foundation
import Testing

/// revised with and R-3.2 (the December 2026 audit's hole 5): the first phone
/// install is the free one-time install whatever the tier; later phone install help is billed
/// where the contract includes the phone, and refused elsewhere; a correction never makes phone
/// help into what a start would refuse.
@Suite("The one-time phone install and billed phone help (R-1.5, R-2.6)")
struct PhoneInstallRuleTests {
    func phoneStart(_ f: DeskFixture, _ tid: String, kind: String = "install") async throws -> MeteredSession {
        try await f.desk.metering.start(f.agent, tid: tid, .init(kind: kind, channel: "phone-install"))
    }

    @Test("R-1.5 a free customer's first phone install is free and spends the entitlement; the next is refused, and so is update help by phone, spending nothing")
    func freeCustomer() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let update = await #expect(throws: DeskError.self) { _ = try await phoneStart(f, ticket.tid, kind: "update") }
        #expect(update?.code == .invalidField && update?.detail.contains("R-1.5") == true)
        #expect(try await f.desk.entitlements.show(f.agent, customerId: f.customer.id).phoneInstall.available)
        let first = try await phoneStart(f, ticket.tid)
        #expect(first.rateKopecksPerHour == 0)
        #expect(try await !f.desk.entitlements.show(f.agent, customerId: f.customer.id).phoneInstall.available)
        f.clock.advance(by: 1800)
        _ = try await f.desk.metering.stop(f.agent, id: first.id)
        let again = await #expect(throws: DeskError.self) { _ = try await phoneStart(f, ticket.tid) }
        #expect(again?.code == .phoneInstallUsed)
    }

    @Test("R-1.5 / R-2.6 a commercial customer's first phone install is the free one and spends it; later install help by phone is billed at the install rate, with no remote session")
    func commercialCustomer() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("commercial")
        let ticket = try await f.file()
        let first = try await phoneStart(f, ticket.tid)
        #expect(first.rateKopecksPerHour == 0)
        #expect(try await !f.desk.entitlements.show(f.agent, customerId: f.customer.id).phoneInstall.available, "spent, whatever the tier")
        f.clock.advance(by: 1800)
        _ = try await f.desk.metering.stop(f.agent, id: first.id)
        let billed = try await phoneStart(f, ticket.tid)
        #expect(billed.rateKopecksPerHour == MeteredQuote.standardRateKopecksPerHour)
        f.clock.advance(by: 3600)
        let stopped = try await f.desk.metering.stop(f.agent, id: billed.id)
        #expect(stopped.amountKopecks == 150_000)
        let audit = try await f.desk.audit.entries(f.admin, subject: "ticket:\(ticket.tid)")
        #expect(audit.contains { $0.action == "metering.started" && $0.detail.contains("billed") && $0.detail.contains("R-1.5") })
        let spent = try await f.desk.audit.entries(f.admin, subject: "customer:\(f.customer.id)")
        #expect(spent.filter { $0.action == "entitlement.phone-install.used" && $0.detail.contains("R-1.5") }.count == 1)
    }

    @Test("R-1.5 recording a phone install without timing it spends the one-time install for every tier; once spent it is refused, naming the billed way where the contract has the phone")
    func recordedPhoneInstall() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("vip")
        let ticket = try await f.file()
        #expect(try await !f.desk.entitlements.recordPhoneInstall(f.agent, tid: ticket.tid).phoneInstall.available)
        let again = await #expect(throws: DeskError.self) { _ = try await f.desk.entitlements.recordPhoneInstall(f.agent, tid: ticket.tid) }
        #expect(again?.code == .phoneInstallUsed && again?.detail.contains("/metered") == true, "\(String(describing: again))")
    }

    @Test("R-1.5 a correction never turns phone help into update help; remote help's kind may be corrected")
    func corrections() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let phone = try await phoneStart(f, ticket.tid)
        f.clock.advance(by: 600)
        _ = try await f.desk.metering.stop(f.agent, id: phone.id)
        let refused = await #expect(throws: DeskError.self) {
            _ = try await f.desk.metering.correct(f.agent, id: phone.id, .init(kind: "update", reason: "на самом деле обновление"))
        }
        #expect(refused?.code == .invalidField)
        let kept = try #require(try await f.desk.metering.list(f.admin, tid: ticket.tid).first { $0.id == phone.id })
        #expect(kept.kind == .install && kept.amountKopecks == 0)
        #expect(try await f.desk.metering.correct(f.agent, id: phone.id, .init(rawSeconds: 300, reason: "звонок короче")).rawSeconds == 300)
    }
}
