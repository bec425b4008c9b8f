import Foundation
import Testing

@Suite("Inbound e-mail (R-4.4)")
struct InboundTests {
    func mail(_ from: String, _ subject: String, _ body: String = "Текст письма") -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["from": from, "subject": subject, "body": body]), as: UTF8.self)
    }

    @Test("mail from a registered address opens a ticket; a reply with the TID in the subject is appended")
    func openThenAppend() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let opened = try await f.call(f.agent, "POST", "/v1/inbound", mail("Boss@Romashka.ru", "Ошибка при входе"))
            #expect(opened.status == 201, "\(opened.body)")
            #expect(opened.body.contains(#""action":"opened""#))
            #expect(opened.body.contains(#""productVersion":"не указана""#))
            let tid = try #require((try JSONSerialization.jsonObject(with: Data(opened.body.utf8)) as? [String: Any])?["tid"] as? String)

            let reply = try await f.call(f.agent, "POST", "/v1/inbound", mail("boss@romashka.ru", "Re: [\(tid)] Обращение принято", "Дополнение"))
            #expect(reply.status == 200)
            #expect(reply.body.contains(#""action":"appended""#))
            let thread = try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)")
            #expect(thread.body.contains("Дополнение"))
            // The customer's own user may write by mail too.
            #expect(try await f.call(f.agent, "POST", "/v1/inbound", mail("client@example.ru", "Re: \(tid)")).status == 200)
        }
    }

    @Test("refusals say why, and nothing is filed", arguments: [
        ("stranger@elsewhere.ru", "Вопрос", 422, "unknown_sender"),
        ("boss@romashka.ru", "Re: TID-2026-999999", 422, "unknown_tid"),
        ("stranger@elsewhere.ru", "Re: TID-FIRST", 422, "sender_not_allowed"),
        ("not an address", "Вопрос", 400, "invalid_email"),
    ])
    func refusals(from: String, subject: String, status: Int, code: String) async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            let first = try await f.call(f.agent, "POST", "/v1/inbound", mail("boss@romashka.ru", "Первое"))
            let tid = try #require((try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])?["tid"] as? String)
            let messagesBefore = try await f.store.messages(ticketId: 1).count

            let answer = try await f.call(f.agent, "POST", "/v1/inbound", mail(from, subject.replacingOccurrences(of: "TID-FIRST", with: tid)))
            #expect(answer.status == status)
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
            #expect(try await f.store.tickets(customerId: nil, state: nil).count == 1)
            #expect(try await f.store.messages(ticketId: 1).count == messagesBefore)
        }
    }

    @Test("only staff may hand mail in")
    func staffOnly() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            #expect(try await f.call(f.customerUser, "POST", "/v1/inbound", mail("a@b.ru", "x")).status == 403)
        }
    }
}
