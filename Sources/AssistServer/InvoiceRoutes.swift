import AssistCore
import Foundation
import Hummingbird
import NIOCore

/// Invoices (счета на оплату) and the credit notes that cancel them.
///
/// Accounting and admins issue and cancel; a customer's users read their own invoices; agents
/// have no access to money documents.
struct InvoiceRoutes {
    let invoices: any InvoiceStore
    let settings: InvoicingSettings
    let maxBodyBytes: Int

    struct Issue: Decodable {
        let customerId: Int64
        let from: String
        let to: String
        static let fields: Set<String> = ["customerId", "from", "to"]
    }

    struct Cancel: Decodable {
        let reason: String
        static let fields: Set<String> = ["reason"]
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/invoices") { request, context in try await issue(request, context) }
        group.get("/invoices") { request, context in
            let user = try context.requireRole(.admin, .accounting, .customer)
            let query = try QueryParameters(request, allowed: ["customer"])
            let asked = try query.id("customer")
            let customerId = user.role == .customer ? user.customerId : asked
            return APIResponse(.ok, try await invoices.invoices(customerId: customerId))
        }
        group.get("/invoices/:number") { _, context in
            APIResponse(.ok, try await visibleInvoice(context, withLines: true))
        }
        group.get("/invoices/:number/html") { _, context in
            let invoice = try await visibleInvoice(context, withLines: true)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    // The page is self-contained: its own inline styles, nothing else.
                    .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                ],
                body: .init(byteBuffer: ByteBuffer(string: InvoiceHTML.render(invoice))))
        }
        group.post("/invoices/:number/cancel") { request, context in
            let user = try context.requireRole(.admin, .accounting)
            let number = context.parameters.get("number") ?? ""
            let input = try await RequestJSON.decode(Cancel.self, from: request, limit: maxBodyBytes, fields: Cancel.fields)
            let reason = try TextValidation.text(input.reason, field: "reason", maximum: 1000)
            do {
                return APIResponse(.created, try await invoices.cancelInvoice(number: number, reason: reason, by: user.id, at: Date()))
            } catch InvoiceError.notFound {
                throw Self.invoiceNotFound
            } catch InvoiceError.alreadyCancelled(let creditNote) {
                throw Problem(
                    status: .conflict, code: "invoice_cancelled", title: "Already cancelled",
                    detail: "Invoice \(number) was cancelled by credit note \(creditNote) already: nothing changed.")
            }
        }
    }

    private func issue(_ request: Request, _ context: AssistRequestContext) async throws -> APIResponse<Invoice> {
        let user = try context.requireRole(.admin, .accounting)
        let input = try await RequestJSON.decode(Issue.self, from: request, limit: maxBodyBytes, fields: Issue.fields)
        let period = try PeriodQuery(from: input.from, to: input.to) { Problem.invalidField($0, $1) }
        guard let vat = settings.vat, let seller = settings.seller else {
            throw Problem(
                status: .conflict, code: "invoicing_not_configured", title: "Invoicing not configured",
                detail: "Invoices need the seller's requisites and the VAT rule: an admin must set \(settings.missing.joined(separator: " and ")) (see the README's configuration) and restart the server.")
        }
        do {
            let invoice = try await invoices.issueInvoice(
                customerId: input.customerId, from: period.from, to: period.to, vat: vat, seller: seller, by: user.id, at: Date())
            return APIResponse(.created, invoice)
        } catch InvoiceError.customerNotFound {
            throw Problem.invalidField("customerId", "names no customer: check the id (assist customers list)")
        } catch InvoiceError.nothingToInvoice {
            throw Problem(
                status: .unprocessableContent, code: "nothing_to_invoice", title: "Nothing to invoice",
                detail: "Customer \(input.customerId) has no priced contract starting and no stopped, reviewed metered session from \(period.from) to \(period.to) that is not on an invoice already: check the period, or stop and review its sessions first.")
        }
    }

    /// The invoice if the caller may read it; others' invoices are "not found" for customers.
    private func visibleInvoice(_ context: AssistRequestContext, withLines: Bool) async throws -> Invoice {
        let user = try context.requireRole(.admin, .accounting, .customer)
        guard let number = context.parameters.get("number"), let invoice = try await invoices.invoice(number: number, withLines: withLines),
              user.role != .customer || user.customerId == invoice.buyer.customerId
        else { throw Self.invoiceNotFound }
        return invoice
    }

    static let invoiceNotFound = Problem(
        status: .notFound, code: "invoice_not_found", title: "No such invoice",
        detail: "There is no invoice with that number for you: check it, e.g. 2026-000001.")
}
