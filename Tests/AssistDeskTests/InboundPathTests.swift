import AssistCore
import AssistDesk
import Foundation
import Testing

/// The December 2026 audit's hole 20: letters from the mailbox and from the gateway's API take
/// one path, and the per-sender cap holds however many letters come at once.
@Suite("One way in for letters (R-4.4, R-4.7)")
struct InboundPathTests {
    @Test("R-4.4 letters taken at once never pass the sender's daily cap: exactly the cap opens tickets, the rest are held")
    func capHoldsUnderRace() async throws {
        let f = try await DeskFixture.make { $0.newTicketsPerSenderPerDay = 3 }
        let outcomes = try await withThrowingTaskGroup(of: LetterOutcome.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try await f.desk.inbound.takeLetter(InboundLetter(
                        from: "client@romashka.test", subject: "Вопрос \(index)", text: "Текст", messageId: "<race\(index)@romashka.test>",
                        threadIds: []))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let opened = outcomes.filter { if case .opened = $0 { true } else { false } }
        let held = outcomes.filter { if case .held = $0 { true } else { false } }
        #expect(opened.count == 3 && held.count == 9, "\(outcomes)")
        #expect(try await f.desk.inbound.heldLetters(f.agent).count == 9)
        // The admins are told, and the audit log keeps it, once for the sender that day.
        #expect(try await f.desk.tickets.notifications(f.admin).filter { $0.kind == "mail-held" }.map(\.recipient) == ["admin@desk.test"])
        #expect(try await f.desk.audit.entries(f.admin, subject: "sender:client@romashka.test").filter { $0.action == "mail.held" }.count == 1)
        // The next Moscow day the cap starts again.
        f.clock.advance(by: 86_400)
        let next = try await f.desk.inbound.takeLetter(InboundLetter(
            from: "client@romashka.test", subject: "Завтра", text: "Текст", messageId: "<next@romashka.test>", threadIds: []))
        if case .opened = next {} else { Issue.record("\(next)") }
    }

    @Test("R-4.4 the gateway's API files as the mailbox does: a disabled user's letter opens nothing, the cap holds, an unknown TID opens a new ticket, a repeat is a duplicate")
    func apiTakesTheSamePath() async throws {
        let f = try await DeskFixture.make { $0.newTicketsPerSenderPerDay = 1 }
        let first = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: "Нет связи", body: "Текст", messageId: "<a1@romashka.test>"), authenticationResults: nil, headAddress: nil)
        #expect(first.action == .opened && first.ticket?.senderEmail == "client@romashka.test")
        let again = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: "Нет связи", body: "Текст", messageId: "<a1@romashka.test>"), authenticationResults: nil, headAddress: nil)
        #expect(again.action == .duplicate && again.tid == nil)
        // A long "Re: Re: …" subject is read for its TID, as the mailbox reads it: the letter is not lost.
        let long = String(repeating: "Re: ", count: 100) + "[\(first.tid ?? "")] Нет связи"
        let reply = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: long, body: "Дополнение"), authenticationResults: nil, headAddress: nil)
        #expect(reply.action == .appended && reply.tid == first.tid)
        let second = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: "Ещё вопрос TID-2026-999999", body: "Текст"), authenticationResults: nil, headAddress: nil)
        #expect(second.action == .held, "an unknown TID is no ticket to append to: the letter would open one, but the cap is reached")
        _ = try await f.desk.accounts.updateUser(f.admin, id: f.customerUser.id, .init(disabled: true))
        let refusal = await #expect(throws: DeskError.self) {
            _ = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: "Я ещё тут", body: "Текст"), authenticationResults: nil, headAddress: nil)
        }
        #expect(refusal?.code == .unknownSender && refusal?.kind == .unprocessable, "\(String(describing: refusal))")
        let bosses = try await f.file(sender: "boss@romashka.test")
        let appended = await #expect(throws: DeskError.self) {
            _ = try await f.desk.inbound.take(f.agent, .init(from: "client@romashka.test", subject: "Re: [\(bosses.tid)]", body: "Ещё"), authenticationResults: nil, headAddress: nil)
        }
        #expect(appended?.code == .senderNotAllowed, "a disabled user no longer writes into the customer's tickets")
    }
}
