import AssistCore
import AssistStore
import Foundation
import Testing

@Suite("Contracts, licence e-mails and groups in the database")
struct ContractStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_555_815)

    @Test("R-4.7 a registered sender is on the licence or in a commercial group of that customer only")
    func registeredSenders() async throws {
        let store = try AppDatabase.inMemory()
        let a = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: now)
        let b = try await store.createCustomer(name: "B", inn: nil, kpp: nil, at: now)
        try await store.addLicenceEmail("boss@a.ru", customerId: a.id)
        try await store.addLicenceEmail("boss@a.ru", customerId: a.id)
        _ = try await store.createGroup(customerId: a.id, name: "IT", members: ["admin@a.ru", "admin@a.ru", "dev@a.ru"])

        #expect(try await store.isRegisteredSender("boss@a.ru", customerId: a.id))
        #expect(try await store.isRegisteredSender("dev@a.ru", customerId: a.id))
        #expect(try await !store.isRegisteredSender("boss@a.ru", customerId: b.id))
        #expect(try await !store.isRegisteredSender("stranger@a.ru", customerId: a.id))
        #expect(try await store.licenceEmails(customerId: a.id) == ["boss@a.ru"])
        #expect(try await store.groups(customerId: a.id).first?.members == ["admin@a.ru", "dev@a.ru"])

        await #expect(throws: AccountStoreError.groupNameTaken("IT")) {
            try await store.createGroup(customerId: a.id, name: "IT", members: [])
        }
        #expect(try await store.removeLicenceEmail("boss@a.ru", customerId: a.id))
        #expect(try await !store.isRegisteredSender("boss@a.ru", customerId: a.id))
        await #expect(throws: AccountStoreError.customerNotFound(99)) { try await store.addLicenceEmail("x@y.ru", customerId: 99) }
    }

    @Test("contracts are stored with their dates and price and read back in start order")
    func contracts() async throws {
        let store = try AppDatabase.inMemory()
        let customer = try await store.createCustomer(name: "A", inn: nil, kpp: nil, at: now)
        let later = try NewContract(customerId: customer.id, tier: .vip, term: .year, startsOn: LocalDate("2027-01-01")!, tariffs: Tariffs())
        let earlier = try NewContract(customerId: customer.id, tier: .commercial, term: .year, startsOn: LocalDate("2026-01-15")!, tariffs: Tariffs())
        _ = try await store.createContract(later, at: now)
        let stored = try await store.createContract(earlier, at: now)
        #expect(stored.endsOn?.description == "2027-01-14")
        #expect(stored.priceKopecks == 1_500_000)
        #expect(try await store.contracts(customerId: customer.id).map(\.tier) == [.commercial, .vip])
        await #expect(throws: AccountStoreError.customerNotFound(42)) {
            try await store.createContract(
                try NewContract(customerId: 42, tier: .free, term: .unlimited, startsOn: LocalDate("2026-01-01")!, tariffs: Tariffs()), at: now)
        }
    }
}
