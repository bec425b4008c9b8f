import AssistCore
import AssistDesk
import Foundation
import Hummingbird
import NIOCore

/// Invoices (счета на оплату) and the credit notes that cancel them.
///
/// Accounting and admins issue and cancel; a customer's users read their own invoices; agents
/// have no access to money documents.
struct InvoiceRoutes {
    let desk: InvoiceDesk
    let maxBodyBytes: Int

    struct Issue: Decodable {
        let customerId: Int64
        let from: String
        let to: String
    }

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/invoices") { request, context in
            let input = try await RequestJSON.decode(Issue.self, from: request, limit: maxBodyBytes)
            let period = try PeriodQuery(from: input.from, to: input.to) { Problem.invalidField($0, $1) }
            return APIResponse(.created, try await desk.issue(try context.actor(), customerId: input.customerId, from: period.from, to: period.to))
        }
        group.get("/invoices") { request, context in
            let query = try QueryParameters(request, allowed: ["customer"])
            return APIResponse(.ok, try await desk.list(try context.actor(), customerId: try query.id("customer")))
        }
        group.get("/invoices/:number") { _, context in
            APIResponse(.ok, try await desk.show(try context.actor(), number: context.parameters.get("number") ?? ""))
        }
        group.get("/invoices/:number/html") { _, context in
            let invoice = try await desk.show(try context.actor(), number: context.parameters.get("number") ?? "")
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
            let input = try await RequestJSON.decode(InvoiceDesk.Cancel.self, from: request, limit: maxBodyBytes)
            return APIResponse(.created, try await desk.cancel(try context.actor(), number: context.parameters.get("number") ?? "", input))
        }
    }
}
