import AssistCore
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Invoices and credit notes in the database (R-3.2, R-2.6)")
struct InvoiceStoreTests {
    static let seller = SellerRequisites(
        name: "ООО «Истом»", inn: "7707083893", kpp: "773601001", address: "Москва, ул. Примерная, 1", bank: "ПАО Сбербанк",
        bik: "044525225", account: "40702810938000000001", correspondentAccount: "30101810400000000225")
    /// 2026-11-25 12:00 Moscow.
    static let noon = MoscowTime.instant(on: LocalDate(year: 2026, month: 11, day: 25)!, secondsIntoDay: 12 * 3600)
    static let november = (from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 11, day: 30)!)

    struct Desk {
        let database: AppDatabase
        let agent: UserAccount
        let accountant: UserAccount

        /// A customer with a ticket and `sessions` stopped metered sessions of `seconds` each, started on `day`.
        func customer(_ name: String, sessions: Int, seconds: Int = 5400, at start: Date = InvoiceStoreTests.noon) async throws -> (Customer, [MeteredSession]) {
            let customer = try await database.createCustomer(name: name, inn: nil, kpp: nil, at: start)
            let ticket = try await database.acceptTicket(
                NewTicket(customerId: customer.id, subject: "S", description: "D", stepsToReproduce: nil, productVersion: "1",
                          problemClass: .standard, senderEmail: "a@b.ru",
                          deadline: DeadlineCalculator(calendar: .builtIn).deadline(for: .freeStandard, receivedAt: start), createdByUserId: nil),
                at: start).ticket
            try await RemoteSessionSeed.joined(database, ticketId: ticket.id, agentUserId: agent.id, at: start)
            var stopped: [MeteredSession] = []
            for index in 0..<sessions {
                let begin = start.addingTimeInterval(Double(index) * 10_000)
                let running = try await database.startMetering(
                    tid: ticket.tid, agentUserId: agent.id, kind: .update, channel: .remote,
                    billing: BillingPolicy(), at: begin)
                stopped.append(try await database.stopMetering(
                    id: running.id, by: agent.id, byAdmin: false, maximumSeconds: 8 * 3600, at: begin.addingTimeInterval(Double(seconds))))
            }
            return (customer, stopped)
        }

        func issue(_ customer: Customer, vat: VATRule = .percent(22), at instant: Date = InvoiceStoreTests.noon) async throws -> Invoice {
            try await database.issueInvoice(
                customerId: customer.id, from: november.from, to: november.to, vat: vat, seller: InvoiceStoreTests.seller,
                by: accountant.id, at: instant)
        }
    }

    func desk() async throws -> Desk {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.openFile(atPath: path)
        let agent = try await database.createUser(NewUser(displayName: "Иван", email: nil, role: .agent, customerId: nil, phone: nil), at: TestInstant.now)
        let accountant = try await database.createUser(
            NewUser(displayName: "Мария", email: nil, role: .accounting, customerId: nil, phone: nil), at: TestInstant.now)
        return Desk(database: database, agent: agent, accountant: accountant)
    }

    @Test("R-3.2 an invoice takes the period's contract and metered sessions, numbered 2026-000001, and marks each session")
    func issue() async throws {
        let desk = try await desk()
        let (customer, sessions) = try await desk.customer("ООО Ромашка", sessions: 2)
        _ = try await desk.database.createContract(
            try NewContract(customerId: customer.id, tier: .commercial, term: .year, startsOn: LocalDate(year: 2026, month: 11, day: 2)!,
                            tariffs: Tariffs()), at: Self.noon)
        let invoice = try await desk.issue(customer)
        #expect(invoice.number == "2026-000001")
        #expect(invoice.lineCount == 3)
        #expect(invoice.subscriptionKopecks == 1_500_000)
        #expect(invoice.meteredKopecks == 450_000, "two sessions of 1.5 h at 1 500 RUB/h")
        #expect(invoice.totalKopecks == 1_950_000)
        #expect(invoice.vatKopecks == 351_639, "19 500 × 22 / 122 = 3 516,393… → 3 516,39")
        #expect(invoice.totalInWords == "Девятнадцать тысяч пятьсот рублей 00 копеек")
        #expect(invoice.buyer.name == "ООО Ромашка")

        let full = try #require(try await desk.database.invoice(number: "2026-000001", withLines: true))
        let lines = try #require(full.lines)
        #expect(lines.map(\.position) == [1, 2, 3])
        #expect(lines[0].kind == .subscription && lines[0].amountKopecks == 1_500_000)
        #expect(lines[1].kind == .metered && lines[1].meteredSessionId == sessions[0].id && lines[1].billedSeconds == 5400)
        #expect(lines[1].rule == .startedMinute)
        #expect(lines[1].date == LocalDate(year: 2026, month: 11, day: 25))
        for session in sessions {
            #expect(try await desk.database.meteredSession(id: session.id)?.invoiceNumber == "2026-000001")
        }
        await #expect(throws: InvoiceError.nothingToInvoice) { try await desk.issue(customer) }
        let (other, _) = try await desk.customer("ИП Петров", sessions: 1)
        #expect(try await desk.issue(other).number == "2026-000002", "a refused run takes no number")
    }

    @Test("R-3.2 a session is on at most one invoice and never changes there: the database refuses, not only the code")
    func databaseConstraints() async throws {
        let desk = try await desk()
        let (customer, sessions) = try await desk.customer("A", sessions: 1)
        let (other, _) = try await desk.customer("B", sessions: 1)
        _ = try await desk.issue(customer)
        let otherInvoice = try await desk.issue(other)
        #expect(otherInvoice.number == "2026-000002")
        let id = sessions[0].id
        try await desk.database.writer.write { db in
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE meteredSession SET invoiceId = 2 WHERE id = ?", arguments: [id]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE meteredSession SET invoiceId = NULL WHERE id = ?", arguments: [id]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE meteredSession SET amountKopecks = 1 WHERE id = ?", arguments: [id]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE invoice SET totalKopecks = 1") }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM invoiceLine") }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO invoiceLine (invoiceId, position, kind, date, amountKopecks, meteredSessionId) VALUES (1, 2, 'metered', '2026-11-25', 5, ?)", arguments: [id])
            }
        }
        await #expect(throws: MeteringError.invoiced(number: "2026-000001")) {
            try await desk.database.correctMetered(id: id, rawSeconds: 60, kind: nil, billing: BillingPolicy(), reason: "late", by: desk.agent.id, at: TestInstant.now)
        }
        #expect(try await desk.database.meteredSession(id: id)?.amountKopecks == 225_000)
    }

    @Test("R-3.2 a credit note cancels an invoice, which stays as issued; its sessions can be corrected and invoiced again")
    func creditNote() async throws {
        let desk = try await desk()
        let (customer, sessions) = try await desk.customer("A", sessions: 2)
        let first = try await desk.issue(customer)
        let note = try await desk.database.cancelInvoice(number: first.number, reason: "неверная длительность", by: desk.accountant.id, at: Self.noon)
        #expect(note.number == "CN-2026-000001")
        #expect(note.amountKopecks == first.totalKopecks)
        await #expect(throws: InvoiceError.alreadyCancelled(creditNote: "CN-2026-000001")) {
            try await desk.database.cancelInvoice(number: first.number, reason: "again", by: desk.accountant.id, at: Self.noon)
        }
        let corrected = try await desk.database.correctMetered(
            id: sessions[0].id, rawSeconds: 1800, kind: nil, billing: BillingPolicy(), reason: "таймер забыли остановить", by: desk.agent.id,
            at: Self.noon)
        #expect(corrected.amountKopecks == 75_000)
        let second = try await desk.issue(customer)
        #expect(second.number == "2026-000002")
        #expect(second.meteredKopecks == 300_000)
        let original = try #require(try await desk.database.invoice(number: first.number, withLines: true))
        #expect(original.totalKopecks == 450_000 && original.lines?.map(\.amountKopecks) == [225_000, 225_000], "the issued invoice is unchanged")
        #expect(original.creditNote?.number == "CN-2026-000001")
        #expect(try await desk.database.auditEntries(subject: "invoice:\(first.number)").map(\.action) == ["invoice.issued", "invoice.cancelled"])
    }

    @Test("R-3.2 concurrent invoice runs never duplicate or skip a number; one customer's parallel runs bill each session once")
    func concurrentNumbers() async throws {
        let desk = try await desk()
        var customers: [Customer] = []
        for index in 0..<16 { customers.append(try await desk.customer("C\(index)", sessions: 2).0) }
        let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
            for customer in customers {
                for _ in 0..<2 {  // each customer twice at once: one run wins, one finds nothing left
                    group.addTask { try? await desk.issue(customer).number }
                }
            }
            return try await group.reduce(into: [String]()) { if let number = $1 { $0.append(number) } }
        }
        #expect(numbers.sorted() == (1...16).map { Invoice.number(year: 2026, sequence: $0) })
        let invoiced = try await desk.database.invoices(customerId: nil)
        #expect(invoiced.map(\.meteredKopecks).reduce(0, +) == 16 * 450_000)
    }

    @Test("R-3.2 numbers restart each year, by the Moscow date of issue")
    func yearly() async throws {
        let desk = try await desk()
        let december31 = MoscowTime.instant(on: LocalDate(year: 2026, month: 12, day: 31)!, secondsIntoDay: 23 * 3600 + 59 * 60)
        let (a, _) = try await desk.customer("A", sessions: 1)
        let (b, _) = try await desk.customer("B", sessions: 1)
        #expect(try await desk.issue(a, at: december31).number == "2026-000001")
        #expect(try await desk.issue(b, at: december31.addingTimeInterval(120)).number == "2027-000001")
    }

    @Test("R-3.2 sessions held for review stay off invoices until corrected; running ones too")
    func heldForReview() async throws {
        let desk = try await desk()
        let (customer, sessions) = try await desk.customer("A", sessions: 1, seconds: 9 * 3600)
        #expect(sessions[0].flaggedForReview)
        await #expect(throws: InvoiceError.nothingToInvoice) { try await desk.issue(customer) }
        _ = try await desk.database.correctMetered(
            id: sessions[0].id, rawSeconds: 2 * 3600, kind: .install, billing: BillingPolicy(), reason: "обед", by: desk.agent.id, at: Self.noon)
        let invoice = try await desk.issue(customer)
        #expect(invoice.meteredKopecks == 300_000)
        #expect(invoice.vatPercent == 22)
    }

    @Test("R-3.2 hour totals reconcile with the period's invoices to the kopeck, read page by page")
    func reconcile() async throws {
        let desk = try await desk()
        var customers: [Customer] = []
        for (index, seconds) in [61, 3599, 7201, 1].enumerated() {
            customers.append(try await desk.customer("Клиент \(index)", sessions: 3, seconds: seconds).0)
        }
        var invoicedKopecks: Int64 = 0
        for customer in customers { invoicedKopecks += try await desk.issue(customer, vat: .exempt).meteredKopecks }
        var totals: [HoursTotal] = []
        var after: String?
        repeat {
            let page = try await desk.database.hourTotals(from: Self.november.from, to: Self.november.to, by: .customer, afterKey: after, limit: 1)
            totals += page
            after = page.last?.key
            if page.isEmpty { break }
        } while true
        #expect(totals.count == 4)
        #expect(totals.map(\.amountKopecks).reduce(0, +) == invoicedKopecks)
        #expect(totals.map(\.sessions) == [3, 3, 3, 3])
        #expect(totals[0].rawSeconds == 183 && totals[0].billedSeconds == 360)
        for grouping in HoursGrouping.allCases {
            let all = try await desk.database.hourTotals(from: Self.november.from, to: Self.november.to, by: grouping, afterKey: nil, limit: 100)
            #expect(all.map(\.amountKopecks).reduce(0, +) == invoicedKopecks, "by \(grouping)")
        }
        let tickets = try await desk.database.hourTotals(from: Self.november.from, to: Self.november.to, by: .ticket, afterKey: nil, limit: 2)
        let rest = try await desk.database.hourTotals(
            from: Self.november.from, to: Self.november.to, by: .ticket, afterKey: tickets.last?.key, limit: 100)
        #expect(tickets.count == 2 && rest.count == 2 && Set((tickets + rest).map(\.key)).count == 4)
        let october = try await desk.database.hourTotals(
            from: LocalDate(year: 2026, month: 10, day: 1)!, to: LocalDate(year: 2026, month: 10, day: 31)!, by: .customer, afterKey: nil, limit: 10)
        #expect(october.isEmpty)
    }
}
