@testable import AssistMail
import Foundation
import Testing

/// customers' letters as mail clients really write them, read to the expected
/// text, thread and kind.
@Suite("Reading real-world letters")
struct MailParserTests {
    static let corpus = Task { try await MailCorpus.letters() }

    func letter(_ name: String) async throws -> ParsedMail {
        let letters = try await Self.corpus.value
        return MailParser.parse(try #require(letters[name], "\(name) is in the corpus"))
    }

    @Test("Thunderbird: UTF-8 quoted-printable, TID in the subject, threaded by In-Reply-To/References, our quoted history cut")
    func thunderbird() async throws {
        let mail = try await letter("thunderbird.eml")
        #expect(mail.subject == "Re: [TID-2026-000001] Ответ поддержки: Не запускается")
        #expect(mail.from == "alice@customer.test")
        #expect(mail.messageId == "<tb-1@customer.test>")
        #expect(mail.threadIds == ["<n2.abc@desk.test>", "<n1.abc@desk.test>", "<n2.abc@desk.test>"])
        #expect(QuotedHistory.strip(mail.text) == "Журнал во вложении не поместился, вот текст ошибки: 0x80070005.")
        #expect(mail.automaticReason(ourDomain: "desk.test") == nil)
    }

    @Test("Outlook: windows-1251 in base64, text and HTML alternatives: the plain part is the text")
    func outlook() async throws {
        let mail = try await letter("outlook-cp1251.eml")
        #expect(mail.subject == "Не печатает накладные")
        #expect(mail.from == "bob@customer.test")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "После обновления 5.2 не печатаются накладные.")
    }

    @Test("KOI8-R 8bit body; a subject whose Cyrillic letter is split across two encoded words comes out whole")
    func koi8AndSplitWords() async throws {
        let mail = try await letter("koi8r-split-subject.eml")
        #expect(mail.subject == "Ошибка лицензии")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Ключ лицензии не принимается: \"неверный формат\".")
    }

    @Test("Gmail: an HTML-only letter is reduced to its text, entities decoded, tags gone")
    func htmlOnly() async throws {
        let mail = try await letter("gmail-html-only.eml")
        #expect(mail.text == "Здравствуйте!\nНе открывается склад & касса.")
    }

    @Test("Yandex: ISO-8859-5 quoted-printable, body and subject")
    func iso88595() async throws {
        let mail = try await letter("yandex-iso8859-5.eml")
        #expect(mail.subject == "Отчёт")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Отчёт формируется пустым.")
    }

    @Test("Mail.ru: broken base64 is read as far as it goes, with a note, never a crash")
    func brokenBase64() async throws {
        let mail = try await letter("mailru-broken-base64.eml")
        #expect(mail.text.hasPrefix("Программа зависает"))
        #expect(!mail.notes.isEmpty, "the damage is noted")
    }

    @Test("1C: windows-1251 without MIME-Version")
    func oneC() async throws {
        let mail = try await letter("1c-cp1251.eml")
        #expect(mail.subject == "Выгрузка из 1С")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Выгрузка остатков из 1С:Предприятие завершается с ошибкой.")
    }

    @Test("an auto-reply is automatic: never answered, never filed")
    func autoReply() async throws {
        let mail = try await letter("auto-reply.eml")
        #expect(mail.automaticReason(ourDomain: "desk.test") == "Auto-Submitted: auto-replied")
    }

    @Test("a bounce (RFC 3464) names our failed letter and the recipient")
    func bounce() async throws {
        let mail = try await letter("bounce.eml")
        #expect(mail.bounce == ParsedMail.Bounce(originalMessageId: "<n7.abc@desk.test>", failedRecipients: ["ghost@customer.test"], status: "5.1.1"))
    }

    @Test("a 5 MB letter with an attachment: the text part is the text, the attachment is not")
    func bigLetter() async throws {
        let mail = try await letter("big-5mb.eml")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Скриншот во вложении.")
    }

    @Test("malformed input is degraded, never a crash", arguments: [
        "", "no headers at all", "Subject: =?utf-8?B?####?=\r\n\r\nx", "Content-Type: multipart/mixed\r\n\r\n--x\r\n",
        "Subject: =?unknown-charset?Q?=FF=FE?=\r\nContent-Type: text/plain; charset=no-such\r\n\r\n\u{FF}", "From: <>\r\n\r\n",
    ])
    func malformed(raw: String) {
        let mail = MailParser.parse(Array(raw.utf8))
        #expect(mail.subject.count < 200)
    }

    @Test("our own letters: RFC 2047 subjects and quoted-printable bodies read back exactly")
    func roundTrip() {
        let composer = MailComposer(from: "support@desk.test", fromName: "Поддержка")
        let subject = "[TID-2026-000042] Ответ поддержки:" + String(repeating: " очень длинная тема", count: 8)
        let body = "Строка с = знаком и длинным текстом " + String(repeating: "ж", count: 200) + "\nи вторая строка .\n.точка в начале"
        let raw = composer.compose(
            .init(id: 1, kind: "agent-reply", ticketId: 1, recipient: "a@b.ru", subject: subject, body: body, createdAt: Date(), messageId: "<n1.x@desk.test>"),
            at: Date(), boundary: "b1")
        let mail = MailParser.parse(Array(raw.utf8))
        #expect(mail.subject == subject)
        #expect(QuotedHistory.strip(mail.text) == "" && mail.text.contains(body), "the marker is on top; the body is intact")
        #expect(raw.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 998 }, "no line over the RFC 5322 limit")
    }
}
