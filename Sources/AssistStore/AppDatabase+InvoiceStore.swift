import AssistCore
import Foundation
import GRDB

extension AppDatabase: InvoiceStore {
    public func issueInvoice(
        customerId: Int64, from: LocalDate, to: LocalDate, vat: VATRule, seller: SellerRequisites, by userId: Int64, at instant: Date
    ) async throws -> Invoice {
        let sellerJSON = try seller.storedJSON()
        let start = MoscowTime.instant(on: from, secondsIntoDay: 0), end = MoscowTime.instant(on: to.adding(days: 1), secondsIntoDay: 0)
        return try await write { db in
            guard let customer = try Row.fetchOne(db, sql: "SELECT name, inn, kpp FROM customer WHERE id = ?", arguments: [customerId]) else {
                throw InvoiceError.customerNotFound
            }
            // What is billable, summed in the same transaction that copies and marks it.
            let contracts: StatementArguments = [customerId, from.description, to.description]
            let sessions: StatementArguments = [customerId, start, end]
            let contractTotals = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, IFNULL(SUM(priceKopecks), 0) AS kopecks FROM contract WHERE \(Self.billableContracts)",
                arguments: contracts)!
            let sessionTotals = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS n, IFNULL(SUM(amountKopecks), 0) AS kopecks FROM meteredSession m WHERE \(Self.billableSessions)",
                arguments: sessions)!
            let contractCount: Int = contractTotals["n"], sessionCount: Int = sessionTotals["n"]
            guard contractCount + sessionCount > 0 else { throw InvoiceError.nothingToInvoice }
            let subscription: Int64 = contractTotals["kopecks"], metered: Int64 = sessionTotals["kopecks"]
            let total = subscription + metered
            let words = try RussianAmountInWords.words(kopecks: total)

            let year = MoscowTime.date(of: instant).year
            let sequence = try Self.nextNumber(series: "invoice", year: year, db)
            let number = Invoice.number(year: year, sequence: sequence)
            try db.execute(sql: """
                INSERT INTO invoice (number, year, sequence, customerId, buyerName, buyerINN, buyerKPP, seller, periodFrom, periodTo,
                    vatPercent, subscriptionKopecks, meteredKopecks, totalKopecks, vatKopecks, totalInWords, lineCount, issuedAt, issuedByUserId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    number, year, sequence, customerId, customer["name"], customer["inn"], customer["kpp"], sellerJSON,
                    from.description, to.description, vat.percent, subscription, metered, total, vat.includedVAT(inTotal: total), words,
                    contractCount + sessionCount, instant, userId,
                ])
            let invoiceId = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO invoiceLine (invoiceId, position, kind, date, amountKopecks, contractId, contractTier, contractTerm, contractEndsOn)
                SELECT ?, ROW_NUMBER() OVER (ORDER BY startsOn, id), 'subscription', startsOn, priceKopecks, id, tier, term, endsOn
                FROM contract WHERE \(Self.billableContracts)
                """, arguments: [invoiceId] + contracts)
            try db.execute(sql: """
                INSERT INTO invoiceLine (invoiceId, position, kind, date, amountKopecks, meteredSessionId, tid, meteredKind, rawSeconds,
                    billedSeconds, rateKopecksPerHour, roundingIncrementSeconds, roundingMinimumSeconds)
                SELECT ?, ? + ROW_NUMBER() OVER (ORDER BY m.startedAt, m.id), 'metered', date(m.startedAt, \(SQLRules.moscowModifier)), m.amountKopecks,
                    m.id, t.tid, m.kind, m.rawSeconds, m.billedSeconds, m.rateKopecksPerHour, m.roundingIncrementSeconds, m.roundingMinimumSeconds
                FROM meteredSession m JOIN ticket t ON t.id = m.ticketId WHERE \(Self.billableSessions)
                """, arguments: [invoiceId, contractCount] + sessions)
            try db.execute(
                sql: "UPDATE contract SET invoiceId = ? WHERE id IN (SELECT contractId FROM invoiceLine WHERE invoiceId = ? AND kind = 'subscription')",
                arguments: [invoiceId, invoiceId])
            try db.execute(
                sql: "UPDATE meteredSession SET invoiceId = ? WHERE id IN (SELECT meteredSessionId FROM invoiceLine WHERE invoiceId = ? AND kind = 'metered')",
                arguments: [invoiceId, invoiceId])
            guard db.changesCount == sessionCount else { throw InvoiceError.nothingToInvoice }
            let invoice = try Self.invoice(where: "i.id = ?", [invoiceId], withLines: false, db)!
            try AuditRecorder.append(db, InvoiceAudit.issued(invoice, contractLines: contractCount, meteredLines: sessionCount, by: userId), at: instant)
            try Self.queueInvoiceLetters(invoice, customerId: customerId, at: instant, db)
            return invoice
        }
    }

    /// Queues the letters saying the invoice was issued (`CustomerNotices.invoiceIssuedLetters`
    /// decides who hears it) in the transaction that issues it, so there is no invoice without its letter.
    static func queueInvoiceLetters(_ invoice: Invoice, customerId: Int64, at instant: Date, _ db: Database) throws {
        let users = try String.fetchAll(db, sql: """
            SELECT email FROM userAccount WHERE customerId = ? AND role = 'customer' AND disabled = 0 AND email IS NOT NULL ORDER BY id
            """, arguments: [customerId])
        let licence = try String.fetchAll(db, sql: "SELECT DISTINCT email FROM licenceEmail WHERE customerId = ? ORDER BY email", arguments: [customerId])
        for letter in CustomerNotices.invoiceIssuedLetters(invoice, users: users, licenceAddresses: licence) {
            try Self.queue(letter, ticketId: nil, at: instant, db)
        }
    }

    public func invoice(number: String, withLines: Bool) async throws -> Invoice? {
        try await writer.read { db in try Self.invoice(where: "i.number = ?", [number], withLines: withLines, db) }
    }

    public func invoices(customerId: Int64?) async throws -> [Invoice] {
        try await writer.read { db in
            let filter = customerId == nil ? "" : "WHERE i.customerId = ?"
            let arguments: StatementArguments = customerId.map { [$0] } ?? []
            return try Row.fetchAll(db, sql: "\(Self.selectInvoice) \(filter) ORDER BY i.id DESC", arguments: arguments)
                .map { try Self.invoice(row: $0, lines: nil) }
        }
    }

    public func cancelInvoice(number: String, reason: String, by userId: Int64, at instant: Date) async throws -> CreditNote {
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, totalKopecks FROM invoice WHERE number = ?", arguments: [number]) else {
                throw InvoiceError.notFound
            }
            let invoiceId: Int64 = row["id"]
            if let existing = try String.fetchOne(db, sql: "SELECT number FROM creditNote WHERE invoiceId = ?", arguments: [invoiceId]) {
                throw InvoiceError.alreadyCancelled(creditNote: existing)
            }
            let year = MoscowTime.date(of: instant).year
            let creditNumber = Invoice.number(prefix: "CN-", year: year, sequence: try Self.nextNumber(series: "credit-note", year: year, db))
            let amount: Int64 = row["totalKopecks"]
            try db.execute(sql: """
                INSERT INTO creditNote (number, invoiceId, reason, amountKopecks, issuedAt, issuedByUserId) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [creditNumber, invoiceId, reason, amount, instant, userId])
            try db.execute(sql: "UPDATE meteredSession SET invoiceId = NULL WHERE invoiceId = ?", arguments: [invoiceId])
            try db.execute(sql: "UPDATE contract SET invoiceId = NULL WHERE invoiceId = ?", arguments: [invoiceId])
            let creditNote = CreditNote(
                number: creditNumber, invoiceNumber: number, reason: reason, amountKopecks: amount, issuedAt: instant, issuedByUserId: userId)
            try AuditRecorder.append(db, InvoiceAudit.cancelled(creditNote), at: instant)
            return creditNote
        }
    }

    /// Priced contracts of the customer starting in the period, not on a live invoice. Arguments: customer, from, to.
    static let billableContracts = "customerId = ? AND invoiceId IS NULL AND priceKopecks > 0 AND startsOn BETWEEN ? AND ?"
    /// Stopped, reviewed sessions of the customer started in the period, not on a live invoice. Arguments: customer, start, end.
    static let billableSessions = """
        m.customerId = ? AND m.invoiceId IS NULL AND \(SQLRules.billableSession) AND m.startedAt >= ? AND m.startedAt < ?
        """

    /// The next gapless number of a series in a year; rolled back with the transaction that took it.
    static func nextNumber(series: String, year: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            INSERT INTO documentCounter (series, year, lastNumber) VALUES (?, ?, 1)
            ON CONFLICT (series, year) DO UPDATE SET lastNumber = lastNumber + 1
            RETURNING lastNumber
            """, arguments: [series, year])!
    }

    static let selectInvoice = """
        SELECT i.*, c.number AS creditNumber, c.reason AS creditReason, c.amountKopecks AS creditAmount, c.issuedAt AS creditIssuedAt,
            c.issuedByUserId AS creditIssuedBy
        FROM invoice i LEFT JOIN creditNote c ON c.invoiceId = i.id
        """

    static func invoice(where condition: String, _ arguments: StatementArguments, withLines: Bool, _ db: Database) throws -> Invoice? {
        guard let row = try Row.fetchOne(db, sql: "\(selectInvoice) WHERE \(condition)", arguments: arguments) else { return nil }
        let lines = withLines
            ? try Row.fetchAll(db, sql: "SELECT * FROM invoiceLine WHERE invoiceId = ? ORDER BY position", arguments: [row["id"] as Int64])
                .map { try line(row: $0) }
            : nil
        return try invoice(row: row, lines: lines)
    }

    static func invoice(row: Row, lines: [InvoiceLine]?) throws -> Invoice {
        let number: String = row["number"]
        let creditNote: CreditNote? = (row["creditNumber"] as String?).map { creditNumber in
            CreditNote(
                number: creditNumber, invoiceNumber: number, reason: row["creditReason"], amountKopecks: row["creditAmount"],
                issuedAt: row["creditIssuedAt"], issuedByUserId: row["creditIssuedBy"])
        }
        return Invoice(
            number: number, issuedAt: row["issuedAt"], issuedByUserId: row["issuedByUserId"],
            periodFrom: try StoredValue.date(row["periodFrom"] as String, table: "invoice", column: "periodFrom"),
            periodTo: try StoredValue.date(row["periodTo"] as String, table: "invoice", column: "periodTo"),
            seller: try JSONDecoder().decode(SellerRequisites.self, from: Data((row["seller"] as String).utf8)),
            buyer: InvoiceBuyer(customerId: row["customerId"], name: row["buyerName"], inn: row["buyerINN"], kpp: row["buyerKPP"]),
            vatPercent: row["vatPercent"], subscriptionKopecks: row["subscriptionKopecks"], meteredKopecks: row["meteredKopecks"],
            totalKopecks: row["totalKopecks"], vatKopecks: row["vatKopecks"], totalInWords: row["totalInWords"], lineCount: row["lineCount"],
            lines: lines, creditNote: creditNote)
    }

    static func line(row: Row) throws -> InvoiceLine {
        let increment: Int? = row["roundingIncrementSeconds"], minimum: Int? = row["roundingMinimumSeconds"]
        if increment != nil, minimum == nil { throw CorruptRow(table: "invoiceLine", column: "roundingMinimumSeconds", value: "NULL") }
        let rule = increment.map { RoundingRule(incrementSeconds: $0, minimumSeconds: minimum ?? 0) }
        func parse<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E? where E.RawValue == String {
            try StoredValue.parse(type, row[column] as String?, table: "invoiceLine", column: column)
        }
        return InvoiceLine(
            position: row["position"], kind: try StoredValue.parse(InvoiceLineKind.self, row["kind"] as String, table: "invoiceLine", column: "kind"),
            date: try StoredValue.date(row["date"] as String, table: "invoiceLine", column: "date"), amountKopecks: row["amountKopecks"],
            contractId: row["contractId"], contractTier: try parse(ContractTier.self, "contractTier"),
            contractTerm: try parse(ContractTerm.self, "contractTerm"),
            contractEndsOn: try StoredValue.date(row["contractEndsOn"] as String?, table: "invoiceLine", column: "contractEndsOn"),
            meteredSessionId: row["meteredSessionId"], tid: row["tid"], meteredKind: try parse(MeteredKind.self, "meteredKind"),
            rawSeconds: row["rawSeconds"], billedSeconds: row["billedSeconds"], rateKopecksPerHour: row["rateKopecksPerHour"], rule: rule)
    }
}
