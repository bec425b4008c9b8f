import Foundation

/// Persistence of invoices and credit notes.
public protocol InvoiceStore: Sendable {
    /// Issues the customer's invoice for the period: its priced contracts starting in it and its
    /// stopped, reviewed, not yet invoiced metered sessions started in it. The number is taken and
    /// every included session and contract marked in one transaction. Returned without lines.
    func issueInvoice(
        customerId: Int64, from: LocalDate, to: LocalDate, vat: VATRule, seller: SellerRequisites, by userId: Int64, at instant: Date
    ) async throws -> Invoice
    func invoice(number: String, withLines: Bool) async throws -> Invoice?
    /// Newest first, without lines.
    func invoices(customerId: Int64?) async throws -> [Invoice]
    /// Issues the credit note cancelling the invoice and frees its sessions and contracts.
    func cancelInvoice(number: String, reason: String, by userId: Int64, at instant: Date) async throws -> CreditNote
}
