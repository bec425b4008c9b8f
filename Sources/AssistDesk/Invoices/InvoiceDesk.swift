import AssistCore
import Foundation

/// Invoices (счета на оплату) and the credit notes that cancel them.
///
/// Accounting and admins issue and cancel; a customer's users read their own invoices; agents
/// have no access to money documents.
public struct InvoiceDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let settings: InvoicingSettings

    public struct Cancel: Decodable, Sendable {
        public let reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    /// Issues a customer's invoice for the Moscow dates `from` … `to`: contracts starting in it
    /// and reviewed metered sessions, numbered without gaps.
    public func issue(_ actor: UserAccount, customerId: Int64, from: LocalDate, to: LocalDate) async throws -> Invoice {
        try actor.require(.admin, .accounting)
        guard let vat = settings.vat, let seller = settings.seller else {
            throw DeskError(
                .conflict, code: .invoicingNotConfigured, title: "Invoicing not configured",
                detail: "Invoices need the seller's requisites and the VAT rule: an admin must set \(settings.missing.joined(separator: " and ")) (see the README's configuration) and restart the server.")
        }
        do {
            return try await stores.invoices.issueInvoice(
                customerId: customerId, from: from, to: to, vat: vat, seller: seller, by: actor.id, at: clock.now)
        } catch InvoiceError.customerNotFound {
            throw DeskError.invalidField("customerId", "names no customer: check the id (assist customers list)")
        } catch InvoiceError.nothingToInvoice {
            throw DeskError(
                .unprocessable, code: .nothingToInvoice, title: "Nothing to invoice",
                detail: "Customer \(customerId) has no priced contract starting and no stopped, reviewed metered session from \(from) to \(to) that is not on an invoice already: check the period, or stop and review its sessions first.")
        }
    }

    /// Invoices, newest first, without lines; a customer user gets its own.
    public func list(_ actor: UserAccount, customerId: Int64?) async throws -> [Invoice] {
        try actor.require(.admin, .accounting, .customer)
        return try await stores.invoices.invoices(customerId: actor.role == .customer ? actor.customerId : customerId)
    }

    /// One invoice with its lines, if the actor may read it.
    public func show(_ actor: UserAccount, number: String) async throws -> Invoice {
        try actor.require(.admin, .accounting, .customer)
        guard let invoice = try await stores.invoices.invoice(number: number, withLines: true),
              actor.maySee(customerId: invoice.buyer.customerId)
        else { throw DeskError.invoiceNotFound }
        return invoice
    }

    /// Cancels an invoice by a credit note for its full amount; its sessions become invoiceable again.
    public func cancel(_ actor: UserAccount, number: String, _ input: Cancel) async throws -> CreditNote {
        try actor.require(.admin, .accounting)
        let reason = try TextValidation.text(input.reason, field: "reason", maximum: 1000)
        do {
            return try await stores.invoices.cancelInvoice(number: number, reason: reason, by: actor.id, at: clock.now)
        } catch InvoiceError.notFound {
            throw DeskError.invoiceNotFound
        } catch InvoiceError.alreadyCancelled(let creditNote) {
            throw DeskError(
                .conflict, code: .invoiceCancelled, title: "Already cancelled",
                detail: "Invoice \(number) was cancelled by credit note \(creditNote) already: nothing changed.")
        }
    }

    /// One page of metered hour totals for an export (accounting, admins); channels stream
    /// page after page, `afterKey` being the last key of the page before.
    public func hourTotals(
        _ actor: UserAccount, from: LocalDate, to: LocalDate, by grouping: HoursGrouping, afterKey: String?, limit: Int
    ) async throws -> [HoursTotal] {
        try actor.require(.admin, .accounting)
        return try await stores.hours.hourTotals(from: from, to: to, by: grouping, afterKey: afterKey, limit: limit)
    }
}
