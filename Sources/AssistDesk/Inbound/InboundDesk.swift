import AssistCore
import Foundation

/// e-mail whose subject carries a TID is appended to that ticket, if the sender may
/// write to it; other e-mail opens a new ticket for the sender's customer (R-4.7 decides the
/// level by the address); anything else is refused with the reason.
public struct InboundDesk: Sendable {
    let stores: DeskStores
    let tickets: TicketDesk

    /// Takes one e-mail handed in by the mail gateway (an admin's or agent's credentials).
    public func take(_ actor: UserAccount, _ mail: InboundMail) async throws -> InboundResult {
        try actor.require(.admin, .agent)
        guard let sender = try AccountValidation.email(mail.from) else { throw DeskError.invalidField("from", "is missing: add it") }
        let body = try TextValidation.text(mail.body, field: "body", maximum: 20_000)
        if let tid = TicketID.find(in: mail.subject) {
            return try await append(tid: tid, sender: sender, body: body)
        }
        return try await open(sender: sender, subject: TextValidation.line(mail.subject, field: "subject", maximum: 200), body: body)
    }

    private func append(tid: String, sender: String, body: String) async throws -> InboundResult {
        guard let ticket = try await stores.tickets.ticket(tid: tid) else {
            throw DeskError(
                .unprocessable, code: "unknown_tid", title: "Unknown TID",
                detail: "The subject names \(tid), which does not exist: the message was not filed; the sender should check the number.")
        }
        guard try await senderMayWrite(sender, to: ticket) else {
            throw DeskError(
                .unprocessable, code: "sender_not_allowed", title: "Sender may not write to this ticket",
                detail: "\(sender) is neither the ticket's sender nor one of its customer's registered addresses: the message was not filed.")
        }
        let updated = try await tickets.append(to: ticket, author: .customer, userId: nil, email: sender, body: body, channel: .email)
        return InboundResult(action: .appended, tid: tid, ticket: updated)
    }

    private func open(sender: String, subject: String, body: String) async throws -> InboundResult {
        let fromUsers = try await stores.accounts.users().filter { $0.email == sender }.compactMap(\.customerId)
        let customers = Set(try await stores.contracts.customerIds(registeringSender: sender) + fromUsers)
        guard customers.count == 1, let customerId = customers.first else {
            throw DeskError(
                .unprocessable, code: customers.isEmpty ? "unknown_sender" : "ambiguous_sender",
                title: customers.isEmpty ? "Unknown sender" : "Sender of several customers",
                detail: customers.isEmpty
                    ? "\(sender) belongs to no customer (licence, commercial group or user): the message was not filed; register the address first."
                    : "\(sender) is registered with several customers: the message was not filed; an agent should file it for the right one.")
        }
        let ticket = try await tickets.accept(
            customerId: customerId, sender: sender, subject: subject, description: body, steps: nil, version: TicketDesk.unknownVersion,
            problemClass: .standard, createdBy: nil, channel: .email)
        return InboundResult(action: .opened, tid: ticket.tid, ticket: ticket)
    }

    private func senderMayWrite(_ sender: String, to ticket: Ticket) async throws -> Bool {
        if sender == ticket.senderEmail { return true }
        if try await stores.contracts.isRegisteredSender(sender, customerId: ticket.customerId) { return true }
        return try await stores.accounts.users().contains { $0.email == sender && $0.customerId == ticket.customerId && !$0.disabled }
    }
}
