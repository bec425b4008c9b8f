import AssistCore
import Foundation
import Hummingbird

/// e-mail whose subject carries a TID is appended to that ticket, if the sender may
/// write to it; other e-mail opens a new ticket for the sender's customer; anything else is
/// refused with the reason. Called by the mail gateway with an admin's or agent's token.
struct InboundRoutes {
    let accounts: any AccountStore
    let contracts: any ContractStore
    let tickets: any TicketStore
    let ticketRoutes: TicketRoutes
    let maxBodyBytes: Int

    /// E-mail says nothing of the version (R-4.2 asks for it); agents ask in the thread.
    static let unknownVersion = "не указана"

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/inbound") { request, context in
            _ = try context.requireRole(.admin, .agent)
            let mail = try await RequestJSON.decode(InboundMail.self, from: request, limit: maxBodyBytes, fields: InboundMail.fields)
            guard let sender = try AccountValidation.email(mail.from) else { throw Problem.invalidField("from", "is missing: add it") }
            let body = try TextValidation.text(mail.body, field: "body", maximum: 20_000)
            if let tid = TicketID.find(in: mail.subject) {
                return try await append(tid: tid, sender: sender, body: body)
            }
            return try await open(sender: sender, subject: TextValidation.line(mail.subject, field: "subject", maximum: 200), body: body)
        }
    }

    private func append(tid: String, sender: String, body: String) async throws -> APIResponse<InboundResult> {
        guard let ticket = try await tickets.ticket(tid: tid) else {
            throw Problem(
                status: .unprocessableContent, code: "unknown_tid", title: "Unknown TID",
                detail: "The subject names \(tid), which does not exist: the message was not filed; the sender should check the number.")
        }
        guard try await senderMayWrite(sender, to: ticket) else {
            throw Problem(
                status: .unprocessableContent, code: "sender_not_allowed", title: "Sender may not write to this ticket",
                detail: "\(sender) is neither the ticket's sender nor one of its customer's registered addresses: the message was not filed.")
        }
        do {
            let (updated, _) = try await tickets.addMessage(
                ticketId: ticket.id, author: .customer, authorUserId: nil, authorEmail: sender, body: body, at: Date())
            return APIResponse(.ok, InboundResult(action: .appended, tid: tid, ticket: updated))
        } catch TicketStoreError.closed {
            throw Problem(
                status: .conflict, code: "ticket_closed", title: "Ticket closed",
                detail: "\(tid) is closed: the message was not filed; the sender should write without the TID to open a new ticket.")
        }
    }

    private func open(sender: String, subject: String, body: String) async throws -> APIResponse<InboundResult> {
        let fromUsers = try await accounts.users().filter { $0.email == sender }.compactMap(\.customerId)
        let customers = Set(try await contracts.customerIds(registeringSender: sender) + fromUsers)
        guard customers.count == 1, let customerId = customers.first else {
            throw Problem(
                status: .unprocessableContent, code: customers.isEmpty ? "unknown_sender" : "ambiguous_sender",
                title: customers.isEmpty ? "Unknown sender" : "Sender of several customers",
                detail: customers.isEmpty
                    ? "\(sender) belongs to no customer (licence, commercial group or user): the message was not filed; register the address first."
                    : "\(sender) is registered with several customers: the message was not filed; an agent should file it for the right one.")
        }
        let ticket = try await ticketRoutes.accept(
            customerId: customerId, sender: sender, subject: subject, description: body, steps: nil, version: Self.unknownVersion,
            problemClass: .standard, createdBy: nil)
        return APIResponse(.created, InboundResult(action: .opened, tid: ticket.tid, ticket: ticket))
    }

    private func senderMayWrite(_ sender: String, to ticket: Ticket) async throws -> Bool {
        if sender == ticket.senderEmail { return true }
        if try await contracts.isRegisteredSender(sender, customerId: ticket.customerId) { return true }
        return try await accounts.users().contains { $0.email == sender && $0.customerId == ticket.customerId && !$0.disabled }
    }
}
