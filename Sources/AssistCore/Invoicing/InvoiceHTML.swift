import Foundation

/// The printable счёт на оплату: Russian, one A4 page per ~40 lines, the usual 1C layout —
/// bank requisites box, title with number and date, parties, lines, totals, total in words.
public enum InvoiceHTML {
    public static func render(_ invoice: Invoice) -> String {
        let seller = invoice.seller, buyer = invoice.buyer
        let issued = MoscowTime.date(of: invoice.issuedAt).russianNotation
        var html = """
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8">
            <title>Счёт на оплату № \(escape(invoice.number)) от \(issued)</title>
            <style>
            @page { size: A4; margin: 15mm 12mm; }
            body { font: 10pt/1.35 Arial, "Liberation Sans", sans-serif; color: #000; max-width: 186mm; margin: 0 auto; }
            table { border-collapse: collapse; width: 100%; }
            .bank td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
            h1 { font-size: 14pt; border-bottom: 2px solid #000; padding-bottom: 4px; margin: 14px 0 8px; }
            .parties td { padding: 3px 0; vertical-align: top; }
            .parties td:first-child { width: 28mm; }
            .lines th, .lines td { border: 1px solid #000; padding: 2px 4px; }
            .lines thead { display: table-header-group; }
            .lines tr { page-break-inside: avoid; }
            .num { text-align: right; white-space: nowrap; }
            .totals td { padding: 1px 4px; font-weight: bold; }
            .cancelled { border: 2px solid #b00; color: #b00; padding: 4px 8px; margin: 8px 0; font-weight: bold; }
            .words { margin-top: 8px; }
            .sign { margin-top: 24px; border-top: 2px solid #000; padding-top: 12px; }
            </style></head><body>
            <table class="bank">
            <tr><td colspan="2" rowspan="2">\(escape(seller.bank))<br><small>Банк получателя</small></td><td>БИК</td><td>\(escape(seller.bik))</td></tr>
            <tr><td>Сч. №</td><td>\(escape(seller.correspondentAccount))</td></tr>
            <tr><td>ИНН \(escape(seller.inn))</td><td>КПП \(escape(seller.kpp ?? ""))</td><td rowspan="2">Сч. №</td><td rowspan="2">\(escape(seller.account))</td></tr>
            <tr><td colspan="2">\(escape(seller.name))<br><small>Получатель</small></td></tr>
            </table>
            <h1>Счёт на оплату № \(escape(invoice.number)) от \(issued)</h1>

            """
        if let note = invoice.creditNote {
            html += "<p class=\"cancelled\">Аннулирован кредит-нотой № \(escape(note.number)) от \(MoscowTime.date(of: note.issuedAt).russianNotation): \(escape(note.reason))</p>\n"
        }
        let buyerTaxIDs = [buyer.inn.map { "ИНН \($0)" }, buyer.kpp.map { "КПП \($0)" }].compactMap { $0 }.joined(separator: ", ")
        html += """
            <table class="parties">
            <tr><td>Поставщик:</td><td><b>\(escape(seller.name))</b>, ИНН \(escape(seller.inn))\(seller.kpp.map { ", КПП \(escape($0))" } ?? ""), \(escape(seller.address))</td></tr>
            <tr><td>Покупатель:</td><td><b>\(escape(buyer.name))</b>\(buyerTaxIDs.isEmpty ? "" : ", " + escape(buyerTaxIDs))</td></tr>
            <tr><td>Основание:</td><td>Техническая поддержка за период \(invoice.periodFrom.russianNotation)–\(invoice.periodTo.russianNotation)</td></tr>
            </table>
            <table class="lines">
            <thead><tr><th>№</th><th>Товары (работы, услуги)</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Сумма</th></tr></thead>
            <tbody>

            """
        for line in invoice.lines ?? [] {
            let (quantity, unit, price) = quantityUnitPrice(line)
            html += "<tr><td class=\"num\">\(line.position)</td><td>\(escape(line.description))</td><td class=\"num\">\(quantity)</td><td>\(unit)</td><td class=\"num\">\(amount(price))</td><td class=\"num\">\(amount(line.amountKopecks))</td></tr>\n"
        }
        let vatAmount = invoice.vatPercent == nil ? "—" : amount(invoice.vatKopecks)
        html += """
            </tbody></table>
            <table class="totals">
            <tr><td class="num">Итого:</td><td class="num" style="width:32mm">\(amount(invoice.totalKopecks))</td></tr>
            <tr><td class="num">\(escape(invoice.vat.caption)):</td><td class="num">\(vatAmount)</td></tr>
            <tr><td class="num">Всего к оплате:</td><td class="num">\(amount(invoice.totalKopecks))</td></tr>
            </table>
            <p class="words">Всего наименований \(invoice.lineCount), на сумму \(amount(invoice.totalKopecks)) руб.<br><b>\(escape(invoice.totalInWords))</b></p>
            <p class="sign">Руководитель ____________________ &nbsp;&nbsp;&nbsp; Бухгалтер ____________________</p>
            </body></html>

            """
        return html
    }

    /// Metered lines: hours at the hourly rate; subscription lines: one service at its price.
    private static func quantityUnitPrice(_ line: InvoiceLine) -> (String, String, Int64) {
        guard line.kind == .metered else { return ("1", "усл.", line.amountKopecks) }
        return (HoursExportWriter.hours(Int64(line.billedSeconds ?? 0), comma: true), "ч", line.rateKopecksPerHour ?? 0)
    }

    /// `1 500,00` (no currency sign: the column says roubles).
    private static func amount(_ kopecks: Int64) -> String {
        MoneyFormat.roubles(kopecks).replacingOccurrences(of: "\u{00A0}₽", with: "")
    }

    static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }
}
