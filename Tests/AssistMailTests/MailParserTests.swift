import Foundation
import Testing

@testable import AssistMail

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
        #expect(mail.attachments.isEmpty, "text alternatives are not attachments")
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
        #expect(mail.attachments.isEmpty, "a report's status and headers parts are not attachments")
    }

    @Test("a 5 MB letter with an attachment: the text part is the text; the attachment is decoded whole")
    func bigLetter() async throws {
        let mail = try await letter("big-5mb.eml")
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Скриншот во вложении.")
        #expect(mail.attachments.count == 1)
        let attachment = try #require(mail.attachments.first)
        #expect(attachment.fileName == "dump.bin")
        #expect(attachment.declaredType == "application/octet-stream")
        #expect(attachment.bytes.count == 5 * 1024 * 1024)
    }

    // MARK: - Attachments (R-4.6 judges their bytes; here they are only read out of the letter)

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<300).map { UInt8($0 % 256) }

    /// A multipart/mixed letter as clients write one: a text part, then `parts` (headers, empty line, body).
    static func mixed(_ parts: [[String]]) -> [UInt8] {
        let head = [
            "From: alice@customer.test", "To: support@desk.test", "Subject: Вложение", "Message-ID: <att-1@customer.test>",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b1\"", "",
            "--b1", "Content-Type: text/plain; charset=utf-8; format=flowed", "Content-Transfer-Encoding: 8bit", "", "Снимок во вложении.",
        ]
        return Array((head + parts.flatMap { ["--b1"] + $0 } + ["--b1--", ""]).joined(separator: "\r\n").utf8)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: .lineLength76Characters)
    }

    @Test("R-4.6 Thunderbird: a base64 PNG with an RFC 2231 Cyrillic file name is an attachment, name and bytes decoded")
    func thunderbirdAttachment() throws {
        let mail = MailParser.parse(Self.mixed([[
            // The plain `name` differs on purpose: the RFC 2231 `filename` must win.
            "Content-Type: image/png; name=\"screenshot.png\"",
            "Content-Disposition: attachment;",
            " filename*=UTF-8''%D1%81%D0%BD%D0%B8%D0%BC%D0%BE%D0%BA%20%D1%8D%D0%BA%D1%80%D0%B0%D0%BD%D0%B0.png",
            "Content-Transfer-Encoding: base64", "", Self.base64(Self.png),
        ]]))
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Снимок во вложении.")
        let attachment = try #require(mail.attachments.first)
        #expect(mail.attachments.count == 1)
        #expect(attachment.fileName == "снимок экрана.png")
        #expect(attachment.declaredType == "image/png")
        #expect(attachment.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(attachment.bytes == Self.png)
    }

    @Test("R-4.6 an RFC 2231 file name in continuations (filename*0*, *1*, *2) is joined in the first piece's charset")
    func continuedFileName() throws {
        let mail = MailParser.parse(Self.mixed([[
            "Content-Type: text/plain; charset=koi8-r",
            "Content-Disposition: attachment;",
            " filename*0*=koi8-r'ru'%CF%D4%DE%A3%D4%20;",
            " filename*1*=%DA%C1%20%CE%CF%D1%C2%D2%D8;",
            " filename*2=\".log\"",
            "", "log line",
        ]]))
        #expect(try #require(mail.attachments.first).fileName == "отчёт за ноябрь.log")
        #expect(try #require(mail.attachments.first).bytes.starts(with: Array("log line".utf8)))
        #expect(mail.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Снимок во вложении.", "an attached text file is not the letter's text")
    }

    @Test("R-4.6 Outlook: no filename, an RFC 2047 KOI8-R name on Content-Type")
    func outlookAttachmentName() throws {
        let mail = MailParser.parse(Self.mixed([[
            "Content-Type: image/jpeg; name=\"=?koi8-r?B?88vSyc7bz9Qgz9vJwsvJLmpwZw==?=\"",
            "Content-Disposition: attachment", "Content-Transfer-Encoding: base64", "", Self.base64([0xFF, 0xD8, 0xFF, 0xE0]),
        ]]))
        let attachment = try #require(mail.attachments.first)
        #expect(attachment.fileName == "Скриншот ошибки.jpg")
        #expect(attachment.bytes == [0xFF, 0xD8, 0xFF, 0xE0])
    }

    @Test("R-4.6 a file name is cut to its last path component, without control characters, at most 200 characters", arguments: [
        ("C:\\Users\\Иван\\Desktop\\shot.png", "shot.png"), ("../../etc/passwd", "passwd"), ("..", "attachment-1"),
        ("a\u{7}b\u{202E}gnp.exe", "abgnp.exe"), (String(repeating: "я", count: 300) + ".png", String(repeating: "я", count: 196) + ".png"),
    ])
    func unsafeFileName(declared: String, expected: String) throws {
        let mail = MailParser.parse(Self.mixed([[
            "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=\"\(declared)\"", "", "x",
        ]]))
        let name = try #require(mail.attachments.first).fileName
        #expect(name == expected)
        #expect(name.count <= 200)
    }

    @Test("R-4.6 at most 20 attachments a letter: the rest are dropped, with a note")
    func attachmentCap() {
        let parts = (1...25).map { _ in ["Content-Type: image/png", "Content-Transfer-Encoding: base64", "", Self.base64(Self.png)] }
        let mail = MailParser.parse(Self.mixed(parts))
        #expect(mail.attachments.count == MailParser.maximumAttachments)
        #expect(mail.attachments.map(\.fileName) == (1...20).map { "attachment-\($0)" })
        #expect(mail.notes.contains("5 attachments over the limit of 20: dropped"))
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

    @Test("R-5 a letter is addressed to the head of support when To or Cc names the address, quoted names with commas and encoded words included")
    func addressedTo() {
        func parsed(_ headers: String) -> ParsedMail { MailParser.parse(Array((headers + "From: a@b.test\r\nSubject: x\r\n\r\ntext").utf8)) }
        #expect(parsed("To: \"Иванов, Пётр\" <support@istom.ru>, Head <Head@Istom.ru>\r\n").isAddressed(to: "head@istom.ru"))
        #expect(parsed("To: support@istom.ru\r\nCc: =?UTF-8?B?0KDRg9C60L7QstC+0LTQuNGC0LXQu9GM?= <head@istom.ru>\r\n").isAddressed(to: "head@istom.ru"))
        #expect(!parsed("To: support@istom.ru\r\nReply-To: head@istom.ru\r\n").isAddressed(to: "head@istom.ru"))
        #expect(!parsed("To: nothead@istom.ru, head@istom.ru.evil.test\r\n").isAddressed(to: "head@istom.ru"))
    }
}
