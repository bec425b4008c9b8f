import AssistCore
import Foundation
import Testing

@Suite("Rates, VAT, invoice rendering and hour exports")
struct InvoicingTests {
    static let seller = SellerRequisites(
        name: "ООО «Истом»", inn: "7707083893", kpp: "773601001", address: "Москва", bank: "ПАО Сбербанк",
        bik: "044525225", account: "40702810938000000001", correspondentAccount: "30101810400000000225")

    @Test("R-3.2 rates per kind change on their effective date; non-paying tiers and the phone install get 0")
    func rates() throws {
        let policy = BillingPolicy(
            rateChanges: try BillingPolicy.parseRateChanges("install@2027-01-01=180000, install@2028-01-01=200000"),
            payingTiers: try BillingPolicy.parseTiers("commercial,vip"))
        #expect(policy.rate(of: .install, on: LocalDate(year: 2026, month: 12, day: 31)!) == 150_000)
        #expect(policy.rate(of: .install, on: LocalDate(year: 2027, month: 1, day: 1)!) == 180_000)
        #expect(policy.rate(of: .install, on: LocalDate(year: 2029, month: 6, day: 1)!) == 200_000)
        #expect(policy.rate(of: .update, on: LocalDate(year: 2029, month: 6, day: 1)!) == 150_000, "other kinds keep the standard rate")
        let day = LocalDate(year: 2027, month: 3, day: 1)!
        #expect(policy.rate(of: .install, tier: .vip, on: day) == 180_000)
        #expect(policy.rate(of: .install, tier: .free, on: day) == 0)
        #expect(BillingPolicy().rate(of: .updateRepair, tier: .free, on: day) == 150_000, "by default every tier pays")
        for bad in ["install=1", "coffee@2027-01-01=1", "install@2027-13-01=1", "install@2027-01-01=-5", "install@2027-01-01=x"] {
            #expect(throws: BillingPolicy.ParseFailure.self, "\(bad)") { try BillingPolicy.parseRateChanges(bad) }
        }
        #expect(throws: BillingPolicy.ParseFailure.tier("gold")) { try BillingPolicy.parseTiers("vip,gold") }
    }

    @Test("R-3.2 VAT is configuration: contained in the total, computed once, half up; or «Без НДС»")
    func vat() {
        #expect(VATRule(setting: "22") == .percent(22))
        #expect(VATRule(setting: "22%") == .percent(22))
        #expect(VATRule(setting: "none") == .exempt)
        #expect(VATRule(setting: "0") == nil && VATRule(setting: "100") == nil && VATRule(setting: "двадцать") == nil)
        #expect(VATRule.percent(22).includedVAT(inTotal: 12_200) == 2_200)
        #expect(VATRule.percent(22).includedVAT(inTotal: 1_500_000) == 270_492, "15 000 × 22 / 122 = 2 704,918… → 2 704,92")
        #expect(VATRule.percent(20).includedVAT(inTotal: 3) == 1, "0,5 kopeck rounds half up")
        #expect(VATRule.percent(22).includedVAT(inTotal: 0) == 0)
        #expect(VATRule.exempt.includedVAT(inTotal: 1_500_000) == 0)
        #expect(VATRule.exempt.caption == "Без НДС" && VATRule.percent(22).caption == "В том числе НДС 22%")
    }

    @Test("seller requisites are checked: INN check digits, 9-digit BIK, 20-digit accounts")
    func sellerRequisites() {
        #expect(Self.seller.problem == nil)
        var bad = Self.seller
        bad.inn = "7707083890"
        #expect(bad.problem?.key == "seller.inn")
        bad = Self.seller
        bad.bik = "04452522"
        #expect(bad.problem?.key == "seller.bik")
        bad = Self.seller
        bad.correspondentAccount = "3010181040000000022X"
        #expect(bad.problem?.key == "seller.correspondentAccount")
    }

    func invoice(buyer: String, cancelled: Bool = false) -> Invoice {
        let line = InvoiceLine(
            position: 1, kind: .metered, date: LocalDate(year: 2026, month: 11, day: 25)!, amountKopecks: 225_000, contractId: nil,
            contractTier: nil, contractTerm: nil, contractEndsOn: nil, meteredSessionId: 7, tid: "TID-2026-000042", meteredKind: .update,
            rawSeconds: 5_399, billedSeconds: 5_400, rateKopecksPerHour: 150_000, rule: .startedMinute)
        return Invoice(
            number: "2026-000001", issuedAt: MoscowTime.instant(on: LocalDate(year: 2026, month: 11, day: 25)!, secondsIntoDay: 3600),
            issuedByUserId: 1, periodFrom: LocalDate(year: 2026, month: 11, day: 1)!, periodTo: LocalDate(year: 2026, month: 11, day: 30)!,
            seller: Self.seller, buyer: InvoiceBuyer(customerId: 1, name: buyer, inn: "500100732259", kpp: nil), vatPercent: nil,
            subscriptionKopecks: 0, meteredKopecks: 225_000, totalKopecks: 225_000, vatKopecks: 0,
            totalInWords: "Две тысячи двести пятьдесят рублей 00 копеек", lineCount: 1, lines: [line],
            creditNote: cancelled ? CreditNote(number: "CN-2026-000001", invoiceNumber: "2026-000001", reason: "ошибка", amountKopecks: 225_000,
                                               issuedAt: Date(timeIntervalSince1970: 1_795_600_000), issuedByUserId: 1) : nil)
    }

    @Test("R-3.2 the printable счёт на оплату: Russian, A4, requisites, lines, total in words; buyer text escaped")
    func html() {
        let html = InvoiceHTML.render(invoice(buyer: "ИП <script>alert(1)</script> & сын"))
        #expect(html.contains("Счёт на оплату № 2026-000001 от 25.11.2026"))
        #expect(html.contains("size: A4"))
        #expect(html.contains("044525225") && html.contains("40702810938000000001") && html.contains("30101810400000000225"))
        #expect(html.contains("Помощь в установке обновления, TID-2026-000042, 25.11.2026, 1 ч 30 мин"))
        #expect(html.contains("1,5000") && html.contains("2\u{00A0}250,00"))
        #expect(html.contains("Без НДС"))
        #expect(html.contains("Две тысячи двести пятьдесят рублей 00 копеек"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; сын"))
        #expect(!html.contains("Аннулирован"))
        #expect(InvoiceHTML.render(invoice(buyer: "A", cancelled: true)).contains("Аннулирован кредит-нотой № CN-2026-000001"))
    }

    @Test("durations read the Russian way on invoice lines")
    func durations() {
        #expect(InvoiceLine.duration(5400) == "1 ч 30 мин")
        #expect(InvoiceLine.duration(3600) == "1 ч")
        #expect(InvoiceLine.duration(60) == "1 мин")
        #expect(InvoiceLine.duration(0) == "0 мин")
        #expect(InvoiceLine.duration(3605) == "1 ч 5 с")
    }

    static let total = HoursTotal(
        key: "7", label: "ООО \"Ромашка\", филиал", sessions: 3, rawSeconds: 5_399, billedSeconds: 5_400, amountKopecks: 225_000,
        firstDate: LocalDate(year: 2026, month: 11, day: 2)!, lastDate: LocalDate(year: 2026, month: 11, day: 25)!)

    @Test("R-3.2 RFC 4180 export: comma, quotes doubled, ISO dates, decimal point, CRLF; formulas never run")
    func rfc4180() {
        var writer = HoursExportWriter(format: .csv, grouping: .customer, from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 11, day: 30)!)
        let text = writer.header() + writer.row(Self.total) + writer.footer()
        #expect(!text.hasPrefix("\u{FEFF}"))
        #expect(text.components(separatedBy: "\r\n") == [
            "group,key,label,sessions,first_date,last_date,raw_seconds,billed_seconds,raw_hours,billed_hours,amount_rub",
            #"customer,7,"ООО ""Ромашка"", филиал",3,2026-11-02,2026-11-25,5399,5400,1.4997,1.5000,2250.00"#,
            "",
        ])
        let risky = HoursTotal(
            key: "8", label: "=HYPERLINK(\"x\")", sessions: 1, rawSeconds: 1, billedSeconds: 60, amountKopecks: 2500,
            firstDate: Self.total.firstDate, lastDate: Self.total.lastDate)
        #expect(writer.row(risky).contains(#""'=HYPERLINK(""x"")""#))
    }

    @Test("R-3.2 Excel-RU export: BOM, semicolon, decimal comma, DD.MM.YYYY, CRLF")
    func excel() {
        var writer = HoursExportWriter(format: .excelCSV, grouping: .agent, from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 11, day: 30)!)
        let text = writer.header() + writer.row(Self.total) + writer.footer()
        #expect(text.hasPrefix("\u{FEFF}Группировка;Код;Сотрудник;"))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[1] == #"agent;7;"ООО ""Ромашка"", филиал";3;02.11.2026;25.11.2026;5399;5400;1,4997;1,5000;2250,00"#)
    }

    @Test("R-3.2 JSON export is valid JSON whose totals add up the rows")
    func json() throws {
        var writer = HoursExportWriter(format: .json, grouping: .kind, from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 11, day: 30)!)
        let text = writer.header() + writer.row(Self.total) + writer.row(Self.total) + writer.footer()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["label"] as? String == "ООО \"Ромашка\", филиал")
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["amountKopecks"] as? Int == 450_000)
        #expect(totals["sessions"] as? Int == 6)
        #expect(totals["billedSeconds"] as? Int == 10_800)
        #expect(object["by"] as? String == "kind")
    }
}
