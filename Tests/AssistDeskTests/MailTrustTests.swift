import AssistCore
import AssistDesk
import Foundation
import Testing

/// by mail (the December 2026 audit's hole 12): a letter's `From:` is trusted for the
/// level only when the receiving server vouched for it; delivery reports count only for our
/// own letters and their recipients.
@Suite("Forged senders and forged delivery reports (R-4.7)")
struct MailTrustTests {
    static let boss = "boss@romashka.test"

    func letter(_ subject: String, from sender: String = boss, results: [AuthenticationResult]?, id: String = UUID().uuidString) -> InboundLetter {
        InboundLetter(
            from: sender, subject: subject, text: "Касса не печатает чек", messageId: "<\(id)@romashka.test>", threadIds: [],
            authenticationResults: results)
    }

    func opened(_ f: DeskFixture, _ letter: InboundLetter) async throws -> TicketView {
        guard case .opened(let tid) = try await f.desk.inbound.takeLetter(letter) else {
            Issue.record("\(letter.subject) was not opened as a ticket")
            throw CancellationError()
        }
        return try await f.desk.tickets.view(f.agent, tid: tid)
    }

    @Test("R-4.7 a letter from a licence address gets the commercial level only when DMARC passed, or SPF/DKIM passed aligned; else free, and the agent reads why", arguments: [
        ("dmarc pass", [AuthenticationResult(method: "dmarc", result: "pass", properties: ["header.from": "romashka.test"])], true),
        ("dkim pass aligned", [AuthenticationResult(method: "dkim", result: "pass", properties: ["header.d": "mail.romashka.test"])], true),
        ("spf pass aligned", [AuthenticationResult(method: "spf", result: "pass", properties: ["smtp.mailfrom": "bounce@romashka.test"])], true),
        ("nothing", nil, false),
        ("dmarc fail", [AuthenticationResult(method: "dmarc", result: "fail", properties: ["header.from": "romashka.test"])], false),
        ("dmarc pass for another From", [AuthenticationResult(method: "dmarc", result: "pass", properties: ["header.from": "evil.test"])], false),
        ("dkim pass for the forger", [AuthenticationResult(method: "dkim", result: "pass", properties: ["header.d": "evil.test"])], false),
        ("spf pass for a bare zone", [AuthenticationResult(method: "spf", result: "pass", properties: ["smtp.mailfrom": "x@test"])], false),
    ] as [(String, [AuthenticationResult]?, Bool)])
    func levelByVouchedSender(what: String, results: [AuthenticationResult]?, vouched: Bool) async throws {
        let f = try await DeskFixture.make()
        try await f.contract("commercial", licence: Self.boss)
        let view = try await opened(f, letter(what, results: results))
        #expect(view.ticket.slaLevel == (vouched ? .commercialStandard : .freeStandard), "\(what)")
        let note = view.events?.first { $0.kind == .senderUnverified }
        #expect((note == nil) == vouched, "\(what): \(view.events?.map(\.detail) ?? [])")
        if let note { #expect(note.detail.contains("commercial-standard") && note.detail.contains("R-4.7")) }
    }

    @Test("R-4.7 an unvouched letter for a licence holder's ticket is added — an answer is never lost — with a note for the agent; a vouched one without")
    func appendsAreMarked() async throws {
        let f = try await DeskFixture.make()
        try await f.contract("commercial", licence: Self.boss)
        let dmarc = [AuthenticationResult(method: "dmarc", result: "pass", properties: ["header.from": "romashka.test"])]
        let ticket = try await opened(f, letter("Не печатает", results: dmarc)).ticket
        #expect(ticket.slaLevel == .commercialStandard)
        #expect(try await f.desk.inbound.takeLetter(letter("Re: [\(ticket.tid)] Не печатает", results: dmarc)) == .appended(tid: ticket.tid))
        #expect(try await f.desk.inbound.takeLetter(letter("Re: [\(ticket.tid)] Дайте пароль", results: nil)) == .appended(tid: ticket.tid))
        let view = try await f.desk.tickets.view(f.agent, tid: ticket.tid)
        #expect(view.messages.count == 3)
        let notes = view.events?.filter { $0.kind == .senderUnverified } ?? []
        #expect(notes.count == 1 && notes.first?.detail.contains(Self.boss) == true, "\(notes)")
        #expect(try await f.desk.tickets.view(f.customerUser, tid: ticket.tid).events == nil, "the customer does not read staff notes")
    }

    @Test("a delivery report counts only for our own letter and its recipient: a forged one naming another address, or none, changes nothing")
    func forgedBounces() async throws {
        let f = try await DeskFixture.make()
        _ = try await f.file(sender: "ghost@romashka.test")
        let claimed = try await f.stores.outbox.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: f.clock.now)
        let messageId = try #require(claimed.first { $0.recipient == "ghost@romashka.test" }?.messageId)
        #expect(try await !f.desk.inbound.takeBounce(originalMessageId: messageId, failedRecipients: ["boss@romashka.test"], reason: "5.1.1"))
        #expect(try await !f.desk.inbound.takeBounce(originalMessageId: messageId, failedRecipients: [], reason: "5.1.1"))
        #expect(try await !f.desk.inbound.takeBounce(originalMessageId: "<made-up@desk.test>", failedRecipients: ["ghost@romashka.test"], reason: "5.1.1"))
        #expect(try await f.stores.outbox.flaggedAddresses().isEmpty)
        #expect(try await f.desk.inbound.takeBounce(originalMessageId: messageId, failedRecipients: ["Ghost@Romashka.test"], reason: "5.1.1"))
        #expect(try await f.stores.outbox.flaggedAddresses().map(\.address) == ["ghost@romashka.test"])
    }
}
