import AssistCore
import AssistServer
import AssistTestSupport
import Foundation
import Testing

@Suite("Corrections, invoices and exports over the API (R-3.2, R-2.6)")
struct InvoiceRouteTests {
    static let seller = SellerRequisites(
        name: "ООО «Истом»", inn: "7707083893", kpp: "773601001", address: "Москва, ул. Примерная, 1", bank: "ПАО Сбербанк",
        bik: "044525225", account: "40702810938000000001", correspondentAccount: "30101810400000000225")

    static func configured(_ change: (inout ServerSettings) -> Void = { _ in }) -> ServerSettings {
        LiveServer.settings { settings in
            settings.invoicing = InvoicingSettings(vat: .percent(22), seller: seller)
            change(&settings)
        }
    }

    static func object(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    /// A ticket of customer A with a remote session the customer joined, so billed help can start.
    static func billableTicket(_ f: AccountFixture) async throws -> String {
        let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
            #"{"subject":"Обновление","description":"Помогите обновить","productVersion":"5.2","problemClass":"standard"}"#)
        let tid = try #require((try object(filed.body)["ticket"] as? [String: Any])?["tid"] as? String)
        let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#)
        let view = try object(opened.body)
        let id = try #require((view["session"] as? [String: Any])?["id"] as? Int)
        let pin = try #require((view["credentials"] as? [String: Any])?["pin"] as? String)
        #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(pin)"}"#).status == 200)
        return tid
    }

    /// Starts and stops billed help; returns the stopped session's id.
    static func meter(_ f: AccountFixture, _ tid: String, kind: String = "update") async throws -> Int {
        let started = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"\#(kind)","channel":"remote"}"#)
        #expect(started.status == 201, "\(started.body)")
        let id = try #require(try object(started.body)["id"] as? Int)
        #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop").status == 200)
        return id
    }

    /// The Moscow date of `clock`'s now: each test here stands its server's clock still, so its
    /// "today" is one day from its first request to its last, even across a Moscow midnight.
    static func today(_ clock: any WallClock) -> String { MoscowTime.date(of: clock.now).description }

    @Test("R-3.2 correct with a reason until invoiced; invoice, read, print, cancel by credit note; roles and refusals")
    func lifecycle() async throws {
        let clock = ManualClock(at: TestClock.now)
        let settings = Self.configured()
        try await LiveServer.with(settings, clock: clock) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let tid = try await Self.billableTicket(f)
            let id = try await Self.meter(f, tid)

            let corrected = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":5399,"reason":"таймер запущен поздно"}"#)
            #expect(corrected.status == 200, "\(corrected.body)")
            #expect(corrected.body.contains(#""billedSeconds":5400"#) && corrected.body.contains(#""amountKopecks":225000"#))
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":60}"#).status == 400, "a reason is required")
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"reason":"x"}"#).body.contains("invalid_field"))
            #expect(try await f.call(f.accounting, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":60,"reason":"x"}"#).status == 403)
            let audit = try await f.store.auditEntries(subject: "ticket:\(tid)")
            #expect(audit.contains { $0.action == "metering.corrected" && $0.detail.contains("таймер запущен поздно") })

            let period = #"{"customerId":\#(f.customerA.id),"from":"\#(Self.today(clock))","to":"\#(Self.today(clock))"}"#
            #expect(try await f.call(f.agent, "POST", "/v1/invoices", period).status == 403)
            #expect(try await f.call(f.customerUser, "POST", "/v1/invoices", period).status == 403)
            let issued = try await f.call(f.accounting, "POST", "/v1/invoices", period)
            #expect(issued.status == 201, "\(issued.body)")
            let number = try #require(try Self.object(issued.body)["number"] as? String)
            #expect(number == "\(MoscowTime.date(of: clock.now).year)-000001")
            #expect(issued.body.contains(#""totalInWords":"Две тысячи двести пятьдесят рублей 00 копеек""#))
            #expect(issued.body.contains(#""vatKopecks":40574"#), "2 250 × 22 / 122 = 405,737… → 405,74")

            let late = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":60,"reason":"ошибка"}"#)
            #expect(late.status == 409 && late.body.contains("metered_invoiced") && late.body.contains(number))
            #expect(try await f.call(f.accounting, "POST", "/v1/invoices", period).body.contains("nothing_to_invoice"))

            // The customer's user is told in Russian, once, with the sum and where to read it.
            let letters = try await f.store.notifications().filter { $0.kind == "invoice-issued" }
            #expect(letters.map(\.recipient) == [try #require(f.customerUser.user.email)])
            let letter = try #require(letters.first)
            #expect(letter.subject == "Счёт № \(number) от \(MoscowTime.date(of: clock.now).russianNotation)" && letter.ticketId == nil)
            #expect(letter.body.contains("2\u{00A0}250,00\u{00A0}₽ (Две тысячи двести пятьдесят рублей 00 копеек)"), "\(letter.body)")
            #expect(letter.body.contains("assist invoices html \(number)"))

            let shown = try await f.call(f.customerUser, "GET", "/v1/invoices/\(number)")
            #expect(shown.status == 200 && shown.body.contains(#""tid":"\#(tid)""#))
            let html = try await f.call(f.customerUser, "GET", "/v1/invoices/\(number)/html")
            #expect(html.status == 200 && html.body.contains("Счёт на оплату № \(number)") && html.body.contains("ООО Ромашка"))
            #expect(try await f.call(f.customerUser, "GET", "/v1/invoices").body.contains(number))
            #expect(try await f.call(f.agent, "GET", "/v1/invoices/\(number)").status == 403)
            let b = try await f.person(.customer, "ClientB", customer: f.customerB.id)
            #expect(try await f.call(b, "GET", "/v1/invoices/\(number)").status == 404, "another customer's invoice does not exist for them")
            #expect(try await f.call(b, "GET", "/v1/invoices").body == "[]")

            #expect(try await f.call(f.customerUser, "POST", "/v1/invoices/\(number)/cancel", #"{"reason":"x"}"#).status == 403)
            let cancelled = try await f.call(f.accounting, "POST", "/v1/invoices/\(number)/cancel", #"{"reason":"неверный период"}"#)
            #expect(cancelled.status == 201 && cancelled.body.contains("CN-"))
            #expect(try await f.call(f.accounting, "POST", "/v1/invoices/\(number)/cancel", #"{"reason":"again"}"#).body.contains("invoice_cancelled"))
            #expect(try await f.call(f.accounting, "GET", "/v1/invoices/\(number)/html").body.contains("Аннулирован"))
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"kind":"install","reason":"вид работ"}"#).status == 200)
            #expect(try await f.call(f.accounting, "POST", "/v1/invoices", period).status == 201, "freed sessions are invoiceable again")
            #expect(try await f.call(f.accounting, "GET", "/v1/invoices/1999-000001").status == 404)
        }
    }

    @Test("bad invoice requests get clear problems and store nothing", arguments: [
        (#"{"customerId":1,"from":"2026-11-30","to":"2026-11-01"}"#, "invalid_field"),
        (#"{"customerId":1,"from":"2026-13-01","to":"2026-12-01"}"#, "invalid_field"),
        (#"{"customerId":999,"from":"2026-11-01","to":"2026-11-30"}"#, "invalid_field"),
        (#"{"customerId":"1","from":"2026-11-01","to":"2026-11-30"}"#, "invalid_field"),
        (#"{"customerId":1,"from":"2026-11-01","to":"2026-11-30","total":5}"#, "unknown_field"),
        (#"{"customerId":1,"from":"2020-01-01","to":"2020-01-31"}"#, "nothing_to_invoice"),
    ])
    func badIssue(body: String, code: String) async throws {
        let settings = Self.configured()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let answer = try await f.call(f.accounting, "POST", "/v1/invoices", body)
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
            #expect(answer.status < 500)
            #expect(try await f.store.invoices(customerId: nil).isEmpty)
        }
    }

    @Test("R-3.2 invoices are refused until VAT and seller requisites are configured, naming the settings")
    func notConfigured() async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let answer = try await f.call(f.accounting, "POST", "/v1/invoices", #"{"customerId":1,"from":"2026-11-01","to":"2026-11-30"}"#)
            #expect(answer.status == 409)
            #expect(answer.body.contains("invoicing_not_configured") && answer.body.contains("billing.vat") && answer.body.contains("seller.*"))
        }
    }

    @Test("R-3.2 parallel invoice requests over TLS never duplicate or skip a number")
    func parallelNumbers() async throws {
        let clock = ManualClock(at: TestClock.now)
        let settings = Self.configured()
        try await LiveServer.with(settings, clock: clock) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            var customers: [Int64] = []
            for index in 0..<12 {
                let customer = try await f.store.createCustomer(name: "Клиент \(index)", inn: nil, kpp: nil, at: clock.now)
                _ = try await f.store.createContract(
                    try NewContract(customerId: customer.id, tier: .commercial, term: .year, startsOn: MoscowTime.date(of: clock.now), tariffs: Tariffs()),
                    at: clock.now)
                customers.append(customer.id)
            }
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for customer in customers + customers {  // every customer twice at once
                    group.addTask {
                        let answer = try await f.call(
                            f.accounting, "POST", "/v1/invoices", #"{"customerId":\#(customer),"from":"\#(Self.today(clock))","to":"\#(Self.today(clock))"}"#)
                        return (answer.status, answer.body)
                    }
                }
                return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
            }
            let numbers = try answers.filter { $0.0 == 201 }.map { try #require(try Self.object($0.1)["number"] as? String) }
            let year = MoscowTime.date(of: clock.now).year
            #expect(numbers.sorted() == (1...12).map { Invoice.number(year: year, sequence: $0) })
            #expect(answers.filter { $0.0 == 422 }.count == 12)
            #expect(try await f.store.invoices(customerId: nil).map(\.subscriptionKopecks).reduce(0, +) == 12 * 1_500_000)
        }
    }

    @Test("R-3.2 rates and rounding in force at start are billed: a configured rate change, a non-paying tier, a contract's rule")
    func ratesAndRounding() async throws {
        // Time stands still here: a session stopped right after it started is 0 s long however busy
        // the machine, and "today" is one Moscow day for the whole test.
        let clock = ManualClock(at: TestClock.now)
        let today = MoscowTime.date(of: clock.now)
        let settings = Self.configured { settings in
            settings.billing = BillingPolicy(
                rateChanges: [RateChange(kind: .install, effectiveFrom: today.adding(days: -1), kopecksPerHour: 180_000),
                              RateChange(kind: .update, effectiveFrom: today.adding(days: 1), kopecksPerHour: 999_900)],
                payingTiers: [.commercial, .vip])
        }
        try await LiveServer.with(settings, clock: clock) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let tid = try await Self.billableTicket(f)
            let free = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"install","channel":"remote"}"#)
            #expect(free.body.contains(#""rateKopecksPerHour":0"#), "free tier does not pay here")
            let freeId = try #require(try Self.object(free.body)["id"] as? Int)
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(freeId)/stop").status == 200)

            let contract = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts",
                #"{"tier":"commercial","rounding":{"incrementSeconds":900,"minimumSeconds":1800}}"#)
            #expect(contract.status == 201 && contract.body.contains(#""incrementSeconds":900"#), "\(contract.body)")
            let install = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/metered", #"{"kind":"install","channel":"remote"}"#)
            #expect(install.body.contains(#""rateKopecksPerHour":180000"#))
            let id = try #require(try Self.object(install.body)["id"] as? Int)
            let stopped = try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop")
            #expect(stopped.body.contains(#""billedSeconds":0"#), "nothing metered, nothing billed, whatever the minimum")
            let timed = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":100,"reason":"по журналу"}"#)
            #expect(timed.body.contains(#""billedSeconds":1800"#), "the contract's 30-minute minimum")
            #expect(timed.body.contains(#""amountKopecks":90000"#))
            let update = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"kind":"update","rawSeconds":2000,"reason":"вид"}"#)
            #expect(update.body.contains(#""rateKopecksPerHour":150000"#), "a future update rate is not in force yet")
            #expect(update.body.contains(#""billedSeconds":2700"#) && update.body.contains(#""amountKopecks":112500"#))
            for bad in [#"{"tier":"commercial","rounding":{"incrementSeconds":0,"minimumSeconds":0}}"#,
                        #"{"tier":"commercial","rounding":{"incrementSeconds":60,"minimumSeconds":-1}}"#] {
                #expect(try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", bad).body.contains("invalid_field"))
            }
        }
    }

    @Test("R-3.2 hour exports: JSON, RFC 4180 and Excel-RU CSV, reconciled with the invoice; accounting only; bad queries explained")
    func exports() async throws {
        let clock = ManualClock(at: TestClock.now)
        let settings = Self.configured()
        try await LiveServer.with(settings, clock: clock) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let tid = try await Self.billableTicket(f)
            for kind in ["install", "update", "update-repair"] {
                let id = try await Self.meter(f, tid, kind: kind)
                _ = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":3599,"reason":"журнал"}"#)
            }
            let invoice = try Self.object(try await f.call(
                f.accounting, "POST", "/v1/invoices", #"{"customerId":\#(f.customerA.id),"from":"\#(Self.today(clock))","to":"\#(Self.today(clock))"}"#).body)
            let period = "from=\(Self.today(clock))&to=\(Self.today(clock))"

            let json = try await f.call(f.accounting, "GET", "/v1/exports/hours?\(period)&by=kind&format=json")
            #expect(json.status == 200)
            let export = try Self.object(json.body)
            let totals = try #require(export["totals"] as? [String: Any])
            #expect(totals["amountKopecks"] as? Int == invoice["meteredKopecks"] as? Int)
            #expect(totals["amountKopecks"] as? Int == 450_000)
            #expect((export["rows"] as? [[String: Any]])?.map { $0["key"] as? String } == ["install", "update", "update-repair"])

            let csv = try await f.call(f.accounting, "GET", "/v1/exports/hours?\(period)&by=customer&format=csv")
            #expect(csv.body.hasPrefix("group,key,label"))
            #expect(csv.body.contains("customer,\(f.customerA.id),ООО Ромашка,3,\(Self.today(clock)),\(Self.today(clock)),10797,10800,2.9992,3.0000,4500.00\r\n"))

            let excel = try await f.call(f.admin, "GET", "/v1/exports/hours?\(period)&by=agent&format=excel-csv")
            let russianDate = MoscowTime.date(of: clock.now).russianNotation
            #expect(excel.body.hasPrefix("\u{FEFF}Группировка;"))
            #expect(excel.body.contains("agent;\(f.agent.user.id);Agent;3;\(russianDate);\(russianDate);10797;10800;2,9992;3,0000;4500,00\r\n"))

            let ticket = try await f.call(f.accounting, "GET", "/v1/exports/hours?\(period)&by=ticket&format=csv")
            #expect(ticket.body.contains("ticket,\(tid),\(tid),3,"))

            #expect(try await f.call(f.agent, "GET", "/v1/exports/hours?\(period)").status == 403)
            #expect(try await f.call(f.customerUser, "GET", "/v1/exports/hours?\(period)").status == 403)
            for bad in ["from=2026-11-01", "from=2026-11-30&to=2026-11-01", "\(period)&by=mood", "\(period)&format=xlsx", "from=x&to=y"] {
                let answer = try await f.call(f.accounting, "GET", "/v1/exports/hours?\(bad)")
                #expect(answer.status == 400 && answer.body.contains("invalid_query"), "\(bad): \(answer.body)")
            }
        }
    }
}
