import AssistCore
import Foundation
import Testing

@Suite("Rules that refuse a change to a ticket as it stands (R-2.5.3, R-5)")
struct TicketRuleRefusalTests {
    func ticket(level: SLALevel, state: TicketState, rating: Int? = nil) -> Ticket {
        let at = Date(timeIntervalSince1970: 1_795_555_815)
        return Ticket(
            id: 1, tid: "TID-2026-000001", customerId: 1, subject: "Не запускается", description: "…", stepsToReproduce: nil,
            productVersion: "5.2", problemClass: .standard, senderEmail: "boss@client.ru", receivedAt: at, state: state, stateReason: nil,
            slaLevel: level, clockStartedAt: at, reactionDeadline: at, calendarRevision: 1, deadlineExplanation: [], firstResponseAt: nil,
            reactionMet: nil, rating: rating, ratingComment: nil)
    }

    @Test("R-2.5.3 a VIP ticket takes no second problem, a closed ticket none at all; others do")
    func problems() throws {
        #expect(throws: ProblemRule.Refusal.vipTicket) { try ProblemRule.check(adding: ticket(level: .vip, state: .inProgress)) }
        #expect(throws: ProblemRule.Refusal.closed) { try ProblemRule.check(adding: ticket(level: .commercialStandard, state: .closed)) }
        try ProblemRule.check(adding: ticket(level: .commercialStandard, state: .inProgress))
    }

    @Test("R-5 the work is rated once, after it was resolved (closed since counts)")
    func rating() throws {
        #expect(throws: RatingRule.Refusal.notResolved(.inProgress)) { try RatingRule.check(rating: ticket(level: .freeStandard, state: .inProgress)) }
        #expect(throws: RatingRule.Refusal.alreadyRated) { try RatingRule.check(rating: ticket(level: .freeStandard, state: .resolved, rating: 4)) }
        try RatingRule.check(rating: ticket(level: .freeStandard, state: .resolved))
        try RatingRule.check(rating: ticket(level: .freeStandard, state: .closed))
    }

    @Test("R-2.2 / R-4.3 an accepted ticket's record: out of turn only for an emergency at an emergency level, and its confirmation names TID, level and deadline")
    func acceptance() {
        var emergency = ticket(level: .commercialOperational, state: .new)
        emergency.problemClass = .operational
        let accepted = TicketAcceptance(of: emergency, decided: [])
        #expect(accepted.notes.map(\.kind) == [.accepted, .outOfTurn])
        #expect(accepted.confirmation.recipient == "boss@client.ru")
        #expect(accepted.confirmation.subject.hasPrefix("[TID-2026-000001]"))
        #expect(accepted.originNote == nil)
        var standard = ticket(level: .freeStandard, state: .new)
        standard.problemClass = .operational
        #expect(TicketAcceptance(of: standard, decided: []).notes.map(\.kind) == [.accepted])
    }
}
