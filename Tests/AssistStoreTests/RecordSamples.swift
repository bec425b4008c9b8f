import Foundation

@testable import AssistStore

/// Records of each kind the store writes or reads by hand on its hot paths, once with every column
/// set — each date and text its own, so a column in another's place shows — and once with the
/// optional ones NULL. Dates fall on a quarter second, which the stored text keeps exactly.
struct RecordSamples {
    let tickets: [TicketRecord]
    let messages: [TicketMessageRecord]
    let events: [TicketEventRecord]
    let notifications: [NotificationRecord]
    let contracts: [ContractRecord]

    init(_ fixture: StoreFixture) {
        let at = { (offset: Int) in Date(timeIntervalSince1970: 1_795_555_815.25 + TimeInterval(offset)) }
        let ticket = TicketRecord(
            id: nil, tid: "2026-999999", customerId: fixture.customer.id, subject: "Тема", description: "Описание\n\"кавычки\"",
            stepsToReproduce: "шаги", productVersion: "5.2", problemClass: "operational", senderEmail: "a@b.ru", receivedAt: at(1),
            state: "in-progress", stateReason: "cannot-reproduce", slaLevel: "vip", clockStartedAt: at(2), reactionDeadline: at(3),
            calendarRevision: 7, deadlineExplanation: "[\"x\"]", firstResponseAt: at(4), reactionMet: true, rating: 5,
            ratingComment: "спасибо", createdByUserId: fixture.agent.id, splitFrom: "2026-000001", operationalConfirmedAt: at(5),
            nextReactionSince: at(6), nextReactionDue: at(7))
        var bareTicket = ticket
        bareTicket.tid = "2026-999998"
        (bareTicket.stepsToReproduce, bareTicket.stateReason, bareTicket.firstResponseAt, bareTicket.reactionMet) = (nil, nil, nil, nil)
        (bareTicket.rating, bareTicket.ratingComment, bareTicket.createdByUserId, bareTicket.splitFrom) = (nil, nil, nil, nil)
        (bareTicket.operationalConfirmedAt, bareTicket.nextReactionSince, bareTicket.nextReactionDue) = (nil, nil, nil)
        var unmet = ticket
        (unmet.tid, unmet.reactionMet) = ("2026-999997", false)
        tickets = [ticket, bareTicket, unmet]

        let message = TicketMessageRecord(
            id: nil, ticketId: fixture.ticket.id, author: "agent", authorUserId: fixture.agent.id, authorEmail: "agent@istom.ru",
            body: "Ответ", channel: "email", inboundMessageId: "<m1@example.ru>", createdAt: at(8))
        var bareMessage = message
        (bareMessage.authorUserId, bareMessage.authorEmail, bareMessage.inboundMessageId) = (nil, nil, nil)
        messages = [message, bareMessage]

        let event = TicketEventRecord(
            id: nil, ticketId: fixture.ticket.id, kind: "escalated", detail: "Эскалация", actorUserId: fixture.agent.id, createdAt: at(9))
        var bareEvent = event
        bareEvent.actorUserId = nil
        events = [event, bareEvent]

        notifications = [
            NotificationRecord(
                id: nil, kind: "ticket-accepted", ticketId: fixture.ticket.id, recipient: "a@b.ru", subject: "Заявка", body: "Текст",
                createdAt: at(10), sentAt: at(11), state: "deferred", attempts: 3, nextAttemptAt: at(12), claimedAt: at(13),
                lastReply: "451 4.7.1 later", messageId: "<n1.abc@istom.ru>"),
            NotificationRecord(
                id: nil, kind: "mail-failed", ticketId: nil, recipient: "admin@istom.ru", subject: "S", body: "B", createdAt: at(14), sentAt: nil),
        ]

        let contract = ContractRecord(
            id: nil, customerId: fixture.customer.id, tier: "commercial", term: "year", startsOn: "2026-01-15", endsOn: "2027-01-14",
            priceKopecks: 1_234_567, createdAt: at(15), roundingIncrementSeconds: 900, roundingMinimumSeconds: 1_800)
        var openEnded = contract
        (openEnded.tier, openEnded.term, openEnded.endsOn, openEnded.priceKopecks) = ("vip", "unlimited", nil, 0)
        contracts = [contract, openEnded]
    }
}
