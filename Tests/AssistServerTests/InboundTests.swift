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
            // A TID that names no ticket is no thread to join: the letter opens a ticket of its own.
            let unknown = try await f.call(f.agent, "POST", "/v1/inbound", mail("boss@romashka.ru", "Re: TID-2026-999999"))
            #expect(unknown.status == 201 && unknown.body.contains(#""action":"opened""#), "\(unknown.body)")
        }
    }

    @Test("R-5 the gateway hands in To and Cc: a letter copied to support.headAddress escalates its ticket; a bad address is 400 invalid_email")
    func headAddress() async throws {
        var settings = LiveServer.settings()
        settings.headOfSupportAddress = "head@istom.ru"
        try await AccountFixture.withLiveServer(settings) { (f: AccountFixture) async throws in
            let body = #"{"from":"client@example.ru","subject":"Склад стоит","body":"Прошу ускорить","to":["support@istom.ru"],"cc":["HEAD@istom.ru"]}"#
            let opened = try await f.call(f.agent, "POST", "/v1/inbound", body)
            #expect(opened.status == 201, "\(opened.body)")
            let tid = try #require((try JSONSerialization.jsonObject(with: Data(opened.body.utf8)) as? [String: Any])?["tid"] as? String)
            #expect(try await f.call(f.agent, "GET", "/v1/tickets/\(tid)").body.contains(#""kind":"escalated""#))
            let bad = try await f.call(f.agent, "POST", "/v1/inbound", #"{"from":"client@example.ru","subject":"x","body":"y","to":["кто-то"]}"#)
            #expect(bad.status == 400 && bad.body.contains(#""code":"invalid_email""#), "\(bad.body)")
        }
    }

    @Test("R-4.7 the gateway hands in the receiving server's Authentication-Results: read only from mail.authservId, it decides whether a licence address counts")
    func authenticationResults() async throws {
        var settings = LiveServer.settings()
        settings.mailAuthservIds = ["mx.istom.ru"]
        try await AccountFixture.withLiveServer(settings) { (f: AccountFixture) async throws in
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/contracts", #"{"tier":"commercial"}"#)
            _ = try await f.call(f.admin, "POST", "/v1/customers/\(f.customerA.id)/emails", #"{"email":"boss@romashka.ru"}"#)
            func filed(_ results: String?) async throws -> String? {
                var fields = ["from": "boss@romashka.ru", "subject": "Касса", "body": "Не печатает"]
                fields["authenticationResults"] = results
                let answer = try await f.call(f.agent, "POST", "/v1/inbound", String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self))
                #expect(answer.status == 201, "\(answer.body)")
                let view = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
                return (view?["ticket"] as? [String: Any])?["slaLevel"] as? String
            }
            #expect(try await filed("mx.istom.ru; dmarc=pass header.from=romashka.ru") == "commercial-standard")
            #expect(try await filed("evil.test; dmarc=pass header.from=romashka.ru") == "free-standard", "another server's word counts for nothing")
            #expect(try await filed(nil) == "free-standard")
        }
    }

    @Test("refusals say why, and nothing is filed", arguments: [
        ("stranger@elsewhere.ru", "Вопрос", 422, "unknown_sender"),
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
