/// What the audit log says of invoices and credit notes, whichever engine stores them.
public enum InvoiceAudit {
    public static func issued(_ invoice: Invoice, contractLines: Int, meteredLines: Int, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "invoice.issued", subject: "invoice:\(invoice.number)",
            detail: "Invoice \(invoice.number) for customer \(invoice.buyer.customerId), \(invoice.periodFrom)–\(invoice.periodTo): \(contractLines) subscription and \(meteredLines) metered lines, \(invoice.totalKopecks) kopecks",
            actor: userId)
    }

    public static func cancelled(_ creditNote: CreditNote) -> AuditNote {
        AuditNote(
            action: "invoice.cancelled", subject: "invoice:\(creditNote.invoiceNumber)",
            detail: "Credit note \(creditNote.number) cancels invoice \(creditNote.invoiceNumber) (\(creditNote.amountKopecks) kopecks); reason: \(creditNote.reason)",
            actor: creditNote.issuedByUserId)
    }
}
