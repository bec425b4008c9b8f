import AssistTestSupport
import Foundation

/// Real-world-shaped letters, made by Python's email package the way mail clients make them
/// (Thunderbird, Outlook, Gmail, Yandex, Mail.ru, 1C), in the charsets Russian mail still uses.
enum MailCorpus {
    /// The raw bytes of each letter, by name.
    static func letters() async throws -> [String: [UInt8]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = await ExternalProcess.run("python3", ["-c", generator, directory.path])
        guard made.exitCode == 0 else { throw CorpusFailure(reason: made.standardError) }
        var letters: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            letters[name] = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return letters
    }

    struct CorpusFailure: Error { let reason: String }

    static let generator = #"""
import base64, os, sys
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.base import MIMEBase
from email.utils import make_msgid
out = sys.argv[1]
def save(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.as_bytes())

# Thunderbird: UTF-8 quoted-printable reply, TID in the subject, our marker quoted below.
m = MIMEText("Журнал во вложении не поместился, вот текст ошибки: 0x80070005.\n\n"
             "29.11.2026 18:00, Техподдержка iStom пишет:\n> — Пишите ответ выше этой строки —\n> Пришлите журнал", "plain", "utf-8")
m.replace_header("Content-Transfer-Encoding", "quoted-printable") if False else None
m["Subject"] = Header("Re: [TID-2026-000001] Ответ поддержки: Не запускается", "utf-8")
m["From"] = "Алиса <alice@customer.test>"; m["To"] = "support@desk.test"
m["Message-ID"] = "<tb-1@customer.test>"; m["In-Reply-To"] = "<n2.abc@desk.test>"; m["References"] = "<n1.abc@desk.test> <n2.abc@desk.test>"
save("thunderbird.eml", m)

# Outlook: windows-1251, multipart/alternative, base64 parts.
m = MIMEMultipart("alternative")
m["Subject"] = Header("Не печатает накладные", "windows-1251"); m["From"] = "\"Бухгалтерия\" <bob@customer.test>"
m["To"] = "support@desk.test"; m["Message-ID"] = "<outlook-1@customer.test>"
m.attach(MIMEText("После обновления 5.2 не печатаются накладные.", "plain", "windows-1251"))
m.attach(MIMEText("<html><body><p>После обновления <b>5.2</b> не печатаются накладные.</p></body></html>", "html", "windows-1251"))
save("outlook-cp1251.eml", m)

# KOI8-R, 8bit, subject in two encoded words with a Cyrillic character split between them.
word = "Ошибка лицензии".encode("utf-8")
split = 7  # inside the 4th letter's two UTF-8 bytes
subject = "=?UTF-8?B?" + base64.b64encode(word[:split]).decode() + "?= =?UTF-8?B?" + base64.b64encode(word[split:]).decode() + "?="
body = "Ключ лицензии не принимается: \"неверный формат\".".encode("koi8_r")
save("koi8r-split-subject.eml", b"From: carol@customer.test\r\nTo: support@desk.test\r\nSubject: " + subject.encode()
     + b"\r\nMessage-ID: <koi8-1@customer.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=koi8-r\r\n"
     + b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n")

# Gmail: HTML only, UTF-8, base64.
m = MIMEText("<div dir=\"ltr\">Здравствуйте!<br>Не открывается <b>склад</b> &amp; касса.<br></div>", "html", "utf-8")
m["Subject"] = Header("Склад", "utf-8"); m["From"] = "dave@customer.test"; m["To"] = "support@desk.test"
m["Message-ID"] = make_msgid(domain="mail.gmail.test")
save("gmail-html-only.eml", m)

# Yandex: ISO-8859-5, quoted-printable.
m = MIMEText("Отчёт формируется пустым.", "plain", "iso-8859-5")
m.replace_header("Content-Transfer-Encoding", "quoted-printable")
del m["Content-Transfer-Encoding"]
import quopri
save("yandex-iso8859-5.eml", b"From: erin@customer.test\r\nSubject: =?ISO-8859-5?Q?" + quopri.encodestring("Отчёт".encode("iso-8859-5"), header=True)
     + b"?=\r\nMessage-ID: <ya-1@customer.test>\r\nContent-Type: text/plain; charset=ISO-8859-5\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
     + quopri.encodestring("Отчёт формируется пустым.".encode("iso-8859-5")) + b"\r\n")

# Mail.ru: broken base64 (a stray character and a cut tail).
good = base64.b64encode("Программа зависает при запуске.".encode("utf-8")).decode()
save("mailru-broken-base64.eml", ("From: frank@customer.test\r\nSubject: Зависает\r\nMessage-ID: <mr-1@customer.test>\r\n"
     "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + good[:20] + "*" + good[20:] + "Q\r\n").encode())

# 1C: windows-1251, 8bit, no MIME-Version.
save("1c-cp1251.eml", b"From: 1c@customer.test\r\nSubject: =?windows-1251?B?" + base64.b64encode("Выгрузка из 1С".encode("cp1251"))
     + b"?=\r\nMessage-ID: <1c-1@customer.test>\r\nContent-Type: text/plain; charset=\"windows-1251\"\r\n\r\n"
     + "Выгрузка остатков из 1С:Предприятие завершается с ошибкой.".encode("cp1251") + b"\r\n")

# An auto-reply.
m = MIMEText("Я в отпуске до 10 декабря.", "plain", "utf-8")
m["Subject"] = Header("Автоответ: [TID-2026-000001]", "utf-8"); m["From"] = "alice@customer.test"
m["Auto-Submitted"] = "auto-replied"; m["Message-ID"] = "<auto-1@customer.test>"
save("auto-reply.eml", m)

# A bounce (RFC 3464), as Postfix writes it, for our letter <n7.abc@desk.test>.
save("bounce.eml", b"""Return-Path: <>\r
From: Mail Delivery System <MAILER-DAEMON@mx.desk.test>\r
Subject: Undelivered Mail Returned to Sender\r
Auto-Submitted: auto-replied\r
Message-ID: <bounce-1@mx.desk.test>\r
MIME-Version: 1.0\r
Content-Type: multipart/report; report-type=delivery-status; boundary="B1/mx.desk.test"\r
\r
--B1/mx.desk.test\r
Content-Type: text/plain; charset=us-ascii\r
\r
I'm sorry to have to inform you that your message could not be delivered.\r
\r
--B1/mx.desk.test\r
Content-Type: message/delivery-status\r
\r
Reporting-MTA: dns; mx.desk.test\r
\r
Final-Recipient: rfc822; ghost@customer.test\r
Action: failed\r
Status: 5.1.1\r
\r
--B1/mx.desk.test\r
Content-Type: text/rfc822-headers\r
\r
From: support@desk.test\r
To: ghost@customer.test\r
Message-ID: <n7.abc@desk.test>\r
Subject: [TID-2026-000002]\r
\r
--B1/mx.desk.test--\r
""")

# A 5 MB letter: text plus a large binary attachment.
m = MIMEMultipart("mixed"); m["From"] = "alice@customer.test"; m["Subject"] = "Большой"; m["Message-ID"] = "<big-1@customer.test>"
m.attach(MIMEText("Скриншот во вложении.", "plain", "utf-8"))
part = MIMEBase("application", "octet-stream"); part.set_payload(base64.b64encode(os.urandom(5 * 1024 * 1024)).decode())
part["Content-Transfer-Encoding"] = "base64"; part["Content-Disposition"] = "attachment; filename=dump.bin"
m.attach(part)
save("big-5mb.eml", m)
"""#
}
