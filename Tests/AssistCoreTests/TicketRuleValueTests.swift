import AssistCore
import Foundation
import Testing

/// The ticket rules as values, without a database: `ThreadRule` and `LevelMove`
///
@Suite("Ticket rules as values")
struct TicketRuleValueTests {
    func ticket(_ state: TicketState, level: SLALevel = .freeStandard, answeredAt: Date? = nil, due: Date? = nil) -> Ticket {
        Ticket(
            id: 1, tid: "TID-2026-000001", customerId: 1, subject: "S", description: "D", stepsToReproduce: nil, productVersion: "5.2",
            problemClass: .standard, senderEmail: "a@b.test", receivedAt: moscow("2026-11-25T11:00"), state: state, stateReason: nil,
            slaLevel: level, clockStartedAt: moscow("2026-11-25T11:00"), reactionDeadline: moscow("2026-11-25T14:00"), calendarRevision: 1,
            deadlineExplanation: [], firstResponseAt: answeredAt, reactionMet: answeredAt.map { $0 <= moscow("2026-11-25T14:00") }, rating: nil,
            ratingComment: nil, nextReactionDue: due)
    }

    /// The round a customer's message at `at` starts: commercial standard, 3 working hours.
    func round(_ at: Date) -> SLADeadline {
        DeadlineCalculator(calendar: .builtIn).deadline(for: .commercialStandard, receivedAt: at)
    }

    @Test("R-2.4 the first agent message is the reaction, met by its deadline or breached; the ticket goes in progress")
    func firstReaction() throws {
        let met = try ThreadRule.message(by: .agent, to: ticket(.new), at: moscow("2026-11-25T14:00"), nextReaction: nil)
        #expect(met.ticket.reactionMet == true && met.ticket.state == .inProgress && met.records.map(\.kind) == [.firstResponse])
        let late = try ThreadRule.message(by: .agent, to: ticket(.new), at: moscow("2026-11-25T14:00:01"), nextReaction: nil)
        #expect(late.ticket.reactionMet == false && late.records.first?.detail.contains("breached") == true)
    }

    @Test("R-2.4 after the answer a customer's message starts one round; a resolved or postponed ticket reopens; a closed one refuses")
    func rounds() throws {
        let answered = moscow("2026-11-25T12:00")
        let at = moscow("2026-11-25T15:00")
        let started = try ThreadRule.message(by: .customer, to: ticket(.waitingForCustomer, answeredAt: answered), at: at, nextReaction: round(at))
        #expect(started.ticket.state == .inProgress && started.ticket.nextReactionDue == round(at).deadline)
        let again = try ThreadRule.message(by: .customer, to: started.ticket, at: at.addingTimeInterval(60), nextReaction: round(at.addingTimeInterval(60)))
        #expect(again.ticket.nextReactionDue == started.ticket.nextReactionDue && again.records.isEmpty, "one round at a time")
        for state in [TicketState.resolved, .postponed] {
            let reopened = try ThreadRule.message(by: .customer, to: ticket(state, answeredAt: answered), at: at, nextReaction: round(at))
            #expect(reopened.ticket.state == .inProgress && reopened.ticket.nextReactionDue != nil)
            #expect(reopened.records.map(\.kind) == [.stateChanged, .nextReactionDue])
        }
        #expect(throws: ThreadRule.Refusal.closed) { try ThreadRule.message(by: .customer, to: ticket(.closed), at: at, nextReaction: round(at)) }
        #expect(throws: ThreadRule.Refusal.closed) { try ThreadRule.message(by: .agent, to: ticket(.closed), at: at, nextReaction: nil) }
    }

    @Test("R-2.5.5 / R-2.5.6 staff move a ticket to consulting or development, never to its own level; VIP and free support never to development")
    func levelMoves() throws {
        try LevelMove.check(ticket(.new), to: .consulting, tierInForce: .free)
        #expect(throws: LevelMove.Refusal.sameLevel(.consulting)) { try LevelMove.check(ticket(.new, level: .consulting), to: .consulting, tierInForce: .free) }
        #expect(throws: LevelMove.Refusal.noDevelopment(.vip, .vip)) { try LevelMove.check(ticket(.new, level: .vip), to: .development, tierInForce: .vip) }
        #expect(throws: LevelMove.Refusal.noDevelopment(.freeStandard, .free)) { try LevelMove.check(ticket(.new), to: .development, tierInForce: .free) }
        #expect(throws: LevelMove.Refusal.noDevelopment(.consulting, .free)) {
            try LevelMove.check(ticket(.new, level: .consulting), to: .development, tierInForce: .free)
        }
        try LevelMove.check(ticket(.inProgress, level: .commercialStandard), to: .development, tierInForce: .commercial)
        #expect(throws: LevelMove.Refusal.notATarget(.vip)) { try LevelMove.check(ticket(.new), to: .vip, tierInForce: .vip) }
        #expect(throws: LevelMove.Refusal.notOpen(.closed)) { try LevelMove.check(ticket(.closed), to: .consulting, tierInForce: .free) }
    }
}
