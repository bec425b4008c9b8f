import AssistCore
import AssistDesk
import Foundation
import Testing

/// R-4.5 (the December 2026 audit's hole 14): a ticket staff type in for a sender is marked as
/// theirs, never taken for the customer's own filing through an official channel.
@Suite("Staff filings are marked (R-4.5)")
struct ChannelTests {
    @Test("R-4.5 a ticket or split staff file in a sender's name records the channel staff, on whatever screen; the customer's own filing keeps its channel")
    func staffChannel() async throws {
        let f = try await DeskFixture.make()
        let typed = try await f.desk.tickets.create(
            f.agent, .init(subject: "Звонок", description: "Со слов клиента", productVersion: "5.2", problemClass: "standard",
                           senderEmail: "boss@romashka.test", customerId: f.customer.id),
            via: .web)
        #expect(typed.messages.first?.channel == .staff)
        let split = try await f.desk.tickets.split(f.agent, tid: typed.ticket.tid, .init(subject: "Ещё", description: "Тоже со слов"), via: .api)
        #expect(split.messages.first?.channel == .staff)
        let own = try await f.desk.tickets.create(
            f.customerUser, .init(subject: "Сам", description: "Пишу сам", productVersion: "5.2", problemClass: "standard"), via: .web)
        #expect(own.messages.first?.channel == .web)
        let reply = try await f.desk.tickets.reply(f.agent, tid: own.ticket.tid, .init(body: "Ответ"), via: .api)
        #expect(reply.messages.last?.channel == .api, "an agent's answer is the agent's own, through the channel it came")
    }
}
