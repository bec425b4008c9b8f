import AssistCore
import AssistDesk
import Foundation
import Testing

/// when timed help may start, at the desk.
@Suite("Starting timed help (R-1.4, R-1.5, R-3.2)")
struct HelpStartTests {
    @Test("R-1.4 remote help needs a session the customer joined: one opened but not joined does not do; then one running session per agent")
    func joinedSessionNeeded() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let opened = try await f.desk.sessions.open(f.agent, tid: ticket.tid, .init(tool: "teamviewer", customerRemoteId: "123456789"))
        let refused = await #expect(throws: DeskError.self, "help started on a session nobody joined") {
            _ = try await f.desk.metering.start(f.agent, tid: ticket.tid, .init(kind: "update", channel: "remote"))
        }
        #expect(refused?.code == .remoteSessionRequired)
        #expect(try await f.desk.metering.list(f.admin, tid: nil).isEmpty)
        _ = try await f.desk.sessions.join(f.customerUser, id: opened.session.id, .init(pin: try #require(opened.credentials.pin)))
        let running = try await f.desk.metering.start(f.agent, tid: ticket.tid, .init(kind: "update", channel: "remote"))
        #expect(running.stoppedAt == nil)
        let second = await #expect(throws: DeskError.self, "an agent timed two sessions at once") {
            _ = try await f.desk.metering.start(f.agent, tid: ticket.tid, .init(kind: "update", channel: "remote"))
        }
        #expect(second?.code == .agentHasRunningSession)
    }

    @Test("R-1.5 of 50 concurrent phone installs exactly one spends the one-time install; the rest are refused naming remote access and the ticket")
    func phoneInstallOnce() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let outcomes = await withTaskGroup(of: DeskError?.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do { _ = try await f.desk.entitlements.recordPhoneInstall(f.agent, tid: ticket.tid); return nil } catch let error as DeskError { return error } catch { return nil }
                }
            }
            return await group.reduce(into: [DeskError?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        let refused = outcomes.compactMap { $0 }
        #expect(refused.count == 49 && refused.allSatisfy { $0.code == .phoneInstallUsed && $0.detail.contains("TeamViewer or AmmyAdmin") && $0.detail.contains(ticket.tid) })
        let audit = try await f.desk.audit.entries(f.admin, subject: "customer:\(f.customer.id)")
        #expect(audit.map(\.action).filter { $0.hasPrefix("entitlement.") } == ["entitlement.phone-install.used"])
    }

    @Test("R-1.5 an admin restores the phone install with a reason (audited), and it can be used once more; nobody else restores it")
    func restore() async throws {
        let f = try await DeskFixture.make()
        let ticket = try await f.file()
        let unused = await #expect(throws: DeskError.self, "an unused install was restored") {
            _ = try await f.desk.entitlements.restorePhoneInstall(f.admin, customerId: f.customer.id, .init(reason: "x"))
        }
        #expect(unused?.code == .phoneInstallAvailable)
        _ = try await f.desk.entitlements.recordPhoneInstall(f.agent, tid: ticket.tid)
        #expect(try await f.desk.entitlements.show(f.customerUser, customerId: f.customer.id).phoneInstall.available == false)
        let agent = await #expect(throws: DeskError.self, "an agent restored it") {
            _ = try await f.desk.entitlements.restorePhoneInstall(f.agent, customerId: f.customer.id, .init(reason: "x"))
        }
        #expect(agent?.code == .forbidden)
        let noReason = await #expect(throws: DeskError.self, "restored without a reason") {
            _ = try await f.desk.entitlements.restorePhoneInstall(f.admin, customerId: f.customer.id, .init(reason: ""))
        }
        #expect(noReason?.kind == .invalid)
        let restored = try await f.desk.entitlements.restorePhoneInstall(f.admin, customerId: f.customer.id, .init(reason: "Установка сорвалась по нашей вине"))
        #expect(restored.phoneInstall.available && restored.phoneInstall.restorations == 1)
        _ = try await f.desk.entitlements.recordPhoneInstall(f.agent, tid: ticket.tid)
        let entries = try await f.desk.audit.entries(f.admin, subject: nil)
        #expect(entries.filter { $0.action.hasPrefix("entitlement.") }.count == 3)
        #expect(entries.contains { $0.detail.contains("Установка сорвалась по нашей вине") })
        #expect(try await f.desk.audit.verify(f.admin) == .intact(entries: entries.count))
    }

    @Test("R-1.5 one agent's concurrent phone-install starts for two customers: one starts, one is refused, and the refused start never spends its customer's install")
    func phoneInstallRace() async throws {
        let f = try await DeskFixture.make()
        let other = try await f.desk.accounts.createCustomer(f.admin, .init(name: "ООО Лютик", inn: "7736207543"))
        for round in 0..<10 {
            let tickets = [try await f.file(subject: "Установка \(round)"), try await f.file(customerId: other.id, subject: "Установка \(round)")]
            let started = await withTaskGroup(of: MeteredSession?.self) { group in
                for ticket in tickets {
                    group.addTask { try? await f.desk.metering.start(f.agent, tid: ticket.tid, .init(kind: "install", channel: "phone-install")) }
                }
                return await group.reduce(into: [MeteredSession]()) { if let session = $1 { $0.append(session) } }
            }
            let running = try #require(started.first)
            #expect(started.count == 1, "the agent times one thing at a time (round \(round))")
            for customer in [f.customer.id, other.id] {
                let spent = !(try await f.desk.entitlements.show(f.admin, customerId: customer).phoneInstall.available)
                #expect(spent == (running.customerId == customer), "only the started session's customer spent the install (round \(round))")
            }
            _ = try await f.desk.metering.stop(f.agent, id: running.id)
            _ = try await f.desk.entitlements.restorePhoneInstall(f.admin, customerId: running.customerId, .init(reason: "next round"))
        }
    }
}
