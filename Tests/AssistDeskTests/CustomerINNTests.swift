import AssistCore
import AssistDesk
import Foundation
import Testing

/// One INN, one customer (the December 2026 audit's hole 9): decided by the database's unique
/// index, so creations at once cannot both pass a check made before them.
@Suite("One INN, one customer")
struct CustomerINNTests {
    @Test("eight admins creating a customer with the same INN at once: exactly one is created, the others hear 409 inn_taken naming it")
    func concurrentCreations() async throws {
        let f = try await DeskFixture.make()
        let results = await withTaskGroup(of: Result<Customer, any Error>.self) { group in
            for index in 0..<8 {
                group.addTask {
                    do {
                        return .success(try await f.desk.accounts.createCustomer(f.admin, .init(name: "ООО Лютик \(index)", inn: "500100732259")))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let created = results.compactMap { try? $0.get() }
        #expect(created.count == 1)
        let refusals = results.compactMap { if case .failure(let error) = $0 { error as? DeskError } else { nil } }
        #expect(refusals.count == 7 && refusals.allSatisfy { $0.code == .innTaken && $0.detail.contains("\(created.first?.id ?? -1)") })
        #expect(try await f.desk.accounts.customers(f.admin).filter { $0.inn == "500100732259" }.count == 1)
    }
}
