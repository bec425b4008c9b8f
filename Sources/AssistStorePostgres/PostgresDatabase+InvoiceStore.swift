import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: InvoiceStore {
    public func issueInvoice(
        customerId: Int64, from: LocalDate, to: LocalDate, vat: VATRule, seller: SellerRequisites, by userId: Int64, at instant: Date
    ) async throws -> Invoice {
        let sellerJSON = try seller.storedJSON()
        let start = MoscowTime.instant(on: from, secondsIntoDay: 0), end = MoscowTime.instant(on: to.adding(days: 1), secondsIntoDay: 0)
        return try await pool.transaction(.readCommitted) { connection in
            // One customer's invoices are issued one at a time across nodes (its row locked; new
            // sessions and contracts of the customer still insert): the second sees what the
            // first billed, so nothing is billed twice.
            let customer = try connection.query(
                "SELECT name, inn, kpp FROM customer WHERE id = $1::bigint FOR NO KEY UPDATE", [PostgresParameter(customerId)])
            guard !customer.rows.isEmpty else { throw InvoiceError.customerNotFound }
            let contracts: [PostgresParameter] = [PostgresParameter(customerId), .text(from.description), .text(to.description)]
            let sessions: [PostgresParameter] = [PostgresParameter(customerId), PostgresParameter(start), PostgresParameter(end)]
            let contractTotals = try connection.query(
                "SELECT count(*) AS n, coalesce(sum(priceKopecks), 0) AS kopecks FROM contract WHERE \(Self.billableContracts)", contracts)
            let sessionTotals = try connection.query(
                "SELECT count(*) AS n, coalesce(sum(amountKopecks), 0) AS kopecks FROM meteredSession m WHERE \(Self.billableSessions)", sessions)
            let contractCount = Int(contractTotals.int(0, "n") ?? 0), sessionCount = Int(sessionTotals.int(0, "n") ?? 0)
            guard contractCount + sessionCount > 0 else { throw InvoiceError.nothingToInvoice }
            let subscription = contractTotals.int(0, "kopecks") ?? 0, metered = sessionTotals.int(0, "kopecks") ?? 0
            let total = subscription + metered
            let words = try RussianAmountInWords.words(kopecks: total)

            let year = MoscowTime.date(of: instant).year
            let sequence = try Self.nextNumber(series: "invoice", year: year, connection)
            let number = Invoice.number(year: year, sequence: Int(sequence))
            let inserted = try connection.query(
                """
                INSERT INTO invoice (number, year, sequence, customerId, buyerName, buyerINN, buyerKPP, seller, periodFrom, periodTo,
                    vatPercent, subscriptionKopecks, meteredKopecks, totalKopecks, vatKopecks, totalInWords, lineCount, issuedAt, issuedByUserId)
                VALUES ($1, $2::integer, $3::bigint, $4::bigint, $5, $6, $7, $8, $9, $10, $11::integer, $12::bigint, $13::bigint, $14::bigint,
                    $15::bigint, $16, $17::integer, $18::timestamptz, $19::bigint)
                RETURNING id
                """,
                [.text(number), PostgresParameter(year), PostgresParameter(sequence), PostgresParameter(customerId),
                 PostgresParameter(customer.text(0, "name")), PostgresParameter(customer.text(0, "inn")), PostgresParameter(customer.text(0, "kpp")),
                 .text(sellerJSON), .text(from.description), .text(to.description), PostgresParameter(vat.percent), PostgresParameter(subscription),
                 PostgresParameter(metered), PostgresParameter(total), PostgresParameter(vat.includedVAT(inTotal: total)), .text(words),
                 PostgresParameter(contractCount + sessionCount), PostgresParameter(instant), PostgresParameter(userId)])
            let invoiceId = try inserted.requiredInt(0, "id", table: "invoice")
            try connection.query(
                """
                INSERT INTO invoiceLine (invoiceId, position, kind, date, amountKopecks, contractId, contractTier, contractTerm, contractEndsOn)
                SELECT $4::bigint, row_number() OVER (ORDER BY startsOn, id), 'subscription', startsOn, priceKopecks, id, tier, term, endsOn
                FROM contract WHERE \(Self.billableContracts)
                """, contracts + [PostgresParameter(invoiceId)])
            try connection.query(
                """
                INSERT INTO invoiceLine (invoiceId, position, kind, date, amountKopecks, meteredSessionId, tid, meteredKind, rawSeconds,
                    billedSeconds, rateKopecksPerHour, roundingIncrementSeconds, roundingMinimumSeconds)
                SELECT $4::bigint, $5::integer + row_number() OVER (ORDER BY m.startedAt, m.id), 'metered', \(PostgresRules.moscowDate("m.startedAt"))::text,
                    m.amountKopecks, m.id, t.tid, m.kind, m.rawSeconds, m.billedSeconds, m.rateKopecksPerHour, m.roundingIncrementSeconds,
                    m.roundingMinimumSeconds
                FROM meteredSession m JOIN ticket t ON t.id = m.ticketId WHERE \(Self.billableSessions)
                """, sessions + [PostgresParameter(invoiceId), PostgresParameter(contractCount)])
            let id = PostgresParameter(invoiceId)
            try connection.query(
                "UPDATE contract SET invoiceId = $1::bigint WHERE id IN (SELECT contractId FROM invoiceLine WHERE invoiceId = $1::bigint AND kind = 'subscription')",
                [id])
            let marked = try connection.query(
                "UPDATE meteredSession SET invoiceId = $1::bigint WHERE id IN (SELECT meteredSessionId FROM invoiceLine WHERE invoiceId = $1::bigint AND kind = 'metered')",
                [id])
            guard marked.affected == sessionCount else { throw InvoiceError.nothingToInvoice }
            guard let invoice = try Self.invoice(where: "i.id = $1::bigint", [id], withLines: false, connection) else { throw InvoiceError.notFound }
            try Self.append(connection, InvoiceAudit.issued(invoice, contractLines: contractCount, meteredLines: sessionCount, by: userId), at: instant)
            try Self.queueInvoiceLetters(invoice, customerId: customerId, at: instant, connection)
            return invoice
        }
    }

    /// Queues the letters saying the invoice was issued, in the transaction that issues it.
    static func queueInvoiceLetters(_ invoice: Invoice, customerId: Int64, at instant: Date, _ connection: PostgresConnection) throws {
        let customer = PostgresParameter(customerId)
        let users = try connection.query(
            "SELECT email FROM userAccount WHERE customerId = $1::bigint AND role = 'customer' AND NOT disabled AND email IS NOT NULL ORDER BY id", [customer]
        ).rows.compactMap { $0.first ?? nil }
        let licence = try connection.query("SELECT DISTINCT email FROM licenceEmail WHERE customerId = $1::bigint ORDER BY email", [customer])
            .rows.compactMap { $0.first ?? nil }
        for letter in CustomerNotices.invoiceIssuedLetters(invoice, users: users, licenceAddresses: licence) {
            try Self.queue(letter, ticketId: nil, at: instant, connection)
        }
    }

    public func invoice(number: String, withLines: Bool) async throws -> Invoice? {
        try await pool.transaction(.repeatableRead) { connection in
            try Self.invoice(where: "i.number = $1", [.text(number)], withLines: withLines, connection)
        }
    }

    public func invoices(customerId: Int64?) async throws -> [Invoice] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                "\(Self.selectInvoice) WHERE ($1::bigint IS NULL OR i.customerId = $1::bigint) ORDER BY i.id DESC", [PostgresParameter(customerId)])
            return try rows.rows.indices.map { try Self.invoice(rows, $0, lines: nil) }
        }
    }

    public func cancelInvoice(number: String, reason: String, by userId: Int64, at instant: Date) async throws -> CreditNote {
        try await pool.transaction(.readCommitted) { connection in
            // The invoice's customer row orders a cancellation after an issue in progress, and
            // two cancellations of one invoice: the second finds the first's credit note.
            let row = try connection.query("SELECT id, customerId, totalKopecks FROM invoice WHERE number = $1", [.text(number)])
            guard !row.rows.isEmpty else { throw InvoiceError.notFound }
            let invoiceId = try row.requiredInt(0, "id", table: "invoice")
            try connection.query(
                "SELECT 1 FROM customer WHERE id = $1::bigint FOR NO KEY UPDATE", [PostgresParameter(try row.requiredInt(0, "customerId", table: "invoice"))])
            if let existing = try connection.query("SELECT number FROM creditNote WHERE invoiceId = $1::bigint", [PostgresParameter(invoiceId)])
                .text(0, "number") {
                throw InvoiceError.alreadyCancelled(creditNote: existing)
            }
            let year = MoscowTime.date(of: instant).year
            let creditNumber = Invoice.number(prefix: "CN-", year: year, sequence: Int(try Self.nextNumber(series: "credit-note", year: year, connection)))
            let amount = try row.requiredInt(0, "totalKopecks", table: "invoice")
            let issued = try connection.query(
                """
                INSERT INTO creditNote (number, invoiceId, reason, amountKopecks, issuedAt, issuedByUserId)
                VALUES ($1, $2::bigint, $3, $4::bigint, $5::timestamptz, $6::bigint) RETURNING issuedAt
                """,
                [.text(creditNumber), PostgresParameter(invoiceId), .text(reason), PostgresParameter(amount), PostgresParameter(instant), PostgresParameter(userId)])
            try connection.query("UPDATE meteredSession SET invoiceId = NULL WHERE invoiceId = $1::bigint", [PostgresParameter(invoiceId)])
            try connection.query("UPDATE contract SET invoiceId = NULL WHERE invoiceId = $1::bigint", [PostgresParameter(invoiceId)])
            let creditNote = CreditNote(
                number: creditNumber, invoiceNumber: number, reason: reason, amountKopecks: amount,
                issuedAt: try issued.requiredInstant(0, "issuedAt", table: "creditNote"), issuedByUserId: userId)
            try Self.append(connection, InvoiceAudit.cancelled(creditNote), at: instant)
            return creditNote
        }
    }

    /// Priced contracts of the customer starting in the period, not on a live invoice. Parameters $1–$3: customer, from, to.
    static let billableContracts = "customerId = $1::bigint AND invoiceId IS NULL AND priceKopecks > 0 AND startsOn BETWEEN $2 AND $3"
    /// Stopped, reviewed sessions of the customer started in the period, not on a live invoice. Parameters $1–$3: customer, start, end.
    static let billableSessions = """
        m.customerId = $1::bigint AND m.invoiceId IS NULL AND \(PostgresRules.billableSession) AND m.startedAt >= $2::timestamptz AND m.startedAt < $3::timestamptz
        """

    /// The next gapless number of a series in a year: its counter row is locked until the
    /// transaction ends, so two nodes never take the same number and a rolled-back issue leaves no gap.
    static func nextNumber(series: String, year: Int, _ connection: PostgresConnection) throws -> Int64 {
        try connection.query(
            """
            INSERT INTO documentCounter (series, year, lastNumber) VALUES ($1, $2::integer, 1)
            ON CONFLICT (series, year) DO UPDATE SET lastNumber = documentCounter.lastNumber + 1
            RETURNING lastNumber
            """, [.text(series), PostgresParameter(year)]
        ).requiredInt(0, "lastNumber", table: "documentCounter")
    }

    static let selectInvoice = """
        SELECT i.*, c.number AS creditNumber, c.reason AS creditReason, c.amountKopecks AS creditAmount, c.issuedAt AS creditIssuedAt,
            c.issuedByUserId AS creditIssuedBy
        FROM invoice i LEFT JOIN creditNote c ON c.invoiceId = i.id
        """

    static func invoice(where condition: String, _ parameters: [PostgresParameter], withLines: Bool, _ connection: PostgresConnection) throws -> Invoice? {
        let rows = try connection.query("\(selectInvoice) WHERE \(condition)", parameters)
        guard !rows.rows.isEmpty else { return nil }
        var lines: [InvoiceLine]?
        if withLines {
            let found = try connection.query(
                "SELECT * FROM invoiceLine WHERE invoiceId = $1::bigint ORDER BY position", [PostgresParameter(try rows.requiredInt(0, "id", table: "invoice"))])
            lines = try found.rows.indices.map { try line(found, $0) }
        }
        return try invoice(rows, 0, lines: lines)
    }

    static func invoice(_ rows: PostgresRows, _ index: Int, lines: [InvoiceLine]?) throws -> Invoice {
        let table = "invoice"
        let number = try rows.required(index, "number", table: table)
        var creditNote: CreditNote?
        if let creditNumber = rows.text(index, "creditNumber") {
            creditNote = CreditNote(
                number: creditNumber, invoiceNumber: number, reason: try rows.required(index, "creditReason", table: "creditNote"),
                amountKopecks: try rows.requiredInt(index, "creditAmount", table: "creditNote"),
                issuedAt: try rows.requiredInstant(index, "creditIssuedAt", table: "creditNote"),
                issuedByUserId: try rows.requiredInt(index, "creditIssuedBy", table: "creditNote"))
        }
        guard let periodFrom = try rows.date(index, "periodFrom", table: table) else { throw CorruptRow(table: table, column: "periodFrom", value: "NULL") }
        guard let periodTo = try rows.date(index, "periodTo", table: table) else { throw CorruptRow(table: table, column: "periodTo", value: "NULL") }
        let seller = try rows.required(index, "seller", table: table)
        return Invoice(
            number: number, issuedAt: try rows.requiredInstant(index, "issuedAt", table: table),
            issuedByUserId: try rows.requiredInt(index, "issuedByUserId", table: table), periodFrom: periodFrom, periodTo: periodTo,
            seller: try JSONDecoder().decode(SellerRequisites.self, from: Data(seller.utf8)),
            buyer: InvoiceBuyer(
                customerId: try rows.requiredInt(index, "customerId", table: table), name: try rows.required(index, "buyerName", table: table),
                inn: rows.text(index, "buyerINN"), kpp: rows.text(index, "buyerKPP")),
            vatPercent: rows.int(index, "vatPercent").map(Int.init), subscriptionKopecks: try rows.requiredInt(index, "subscriptionKopecks", table: table),
            meteredKopecks: try rows.requiredInt(index, "meteredKopecks", table: table), totalKopecks: try rows.requiredInt(index, "totalKopecks", table: table),
            vatKopecks: try rows.requiredInt(index, "vatKopecks", table: table), totalInWords: try rows.required(index, "totalInWords", table: table),
            lineCount: Int(try rows.requiredInt(index, "lineCount", table: table)), lines: lines, creditNote: creditNote)
    }

    static func line(_ rows: PostgresRows, _ index: Int) throws -> InvoiceLine {
        let table = "invoiceLine"
        let increment = rows.int(index, "roundingIncrementSeconds").map(Int.init), minimum = rows.int(index, "roundingMinimumSeconds").map(Int.init)
        if increment != nil, minimum == nil { throw CorruptRow(table: table, column: "roundingMinimumSeconds", value: "NULL") }
        func parse<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E? where E.RawValue == String {
            try rows.text(index, column).map { _ in try rows.value(type, index, column, table: table) }
        }
        guard let date = try rows.date(index, "date", table: table) else { throw CorruptRow(table: table, column: "date", value: "NULL") }
        return InvoiceLine(
            position: Int(try rows.requiredInt(index, "position", table: table)), kind: try rows.value(InvoiceLineKind.self, index, "kind", table: table),
            date: date, amountKopecks: try rows.requiredInt(index, "amountKopecks", table: table), contractId: rows.int(index, "contractId"),
            contractTier: try parse(ContractTier.self, "contractTier"), contractTerm: try parse(ContractTerm.self, "contractTerm"),
            contractEndsOn: try rows.date(index, "contractEndsOn", table: table), meteredSessionId: rows.int(index, "meteredSessionId"),
            tid: rows.text(index, "tid"), meteredKind: try parse(MeteredKind.self, "meteredKind"), rawSeconds: rows.int(index, "rawSeconds").map(Int.init),
            billedSeconds: rows.int(index, "billedSeconds").map(Int.init), rateKopecksPerHour: rows.int(index, "rateKopecksPerHour"),
            rule: increment.map { RoundingRule(incrementSeconds: $0, minimumSeconds: minimum ?? 0) })
    }
}
