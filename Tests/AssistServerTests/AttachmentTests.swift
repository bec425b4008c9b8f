import AssistClient
import AssistCore
import AssistTestSupport
import Foundation
import GRDB
import Testing

@testable import AssistStore

/// R-4.6 over the real server: uploads with a reply, attachments from mail, stored once by
/// content, served only to the ticket's customer and staff.
@Suite("Attachments (R-4.6)")
struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR screenshot".utf8) + [0, 1, 2, 255]
    static let bmp: [UInt8] = Array("BM".utf8) + [UInt8](repeating: 7, count: 62)
    static let program: [UInt8] = Array("MZ".utf8) + [UInt8](repeating: 0x90, count: 40)

    /// A real ZIP (Python's zipfile, stored) holding a BMP.
    static func zipWithBMP() async throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bmp-\(UUID().uuidString.prefix(8)).zip").path
        let made = await ExternalProcess.run("python3", ["-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z: z.writestr("экран.bmp", b"BM" + bytes(62))
            """, path])
        #expect(made.exitCode == 0, "\(made.standardError)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A real deflated ZIP (Python's zipfile, ZIP_DEFLATED) of `entries` (name, Python bytes expression).
    static func deflatedZIP(_ entries: [(String, String)]) async throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("deflated-\(UUID().uuidString.prefix(8)).zip").path
        let writes = entries.map { "    z.writestr(\"\($0.0)\", \($0.1))" }.joined(separator: "\n")
        let made = await ExternalProcess.run("python3", ["-c", """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED) as z:
            \(writes)
            """, path])
        #expect(made.exitCode == 0, "\(made.standardError)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A `multipart/form-data` body: the fields, then the files.
    static func form(_ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> (contentType: String, body: [UInt8]) {
        let boundary = "----assist\(UUID().uuidString.prefix(12))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    static func upload(_ f: AccountFixture, _ person: AccountFixture.Person, tid: String, _ form: (contentType: String, body: [UInt8])) async throws -> HTTPSResponse {
        try await f.client.send(
            method: .POST, path: "/v1/tickets/\(tid)/messages",
            headers: [("Authorization", "Bearer \(person.token)"), ("Content-Type", form.contentType)], body: form.body)
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test("R-4.6 a reply with a PNG and a BMP inside a ZIP is stored; each is served as an attachment with its type and name, to the ticket's customer and staff only")
    func uploadAndDownload() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", TicketRouteTests.body.replacingOccurrences(of: "PC", with: "standard"))
            let tid = try #require((Self.json(filed.body)["ticket"] as? [String: Any])?["tid"] as? String)
            let zip = try await Self.zipWithBMP()
            let answer = try await Self.upload(f, f.customerUser, tid: tid, Self.form(
                [("body", "Снимки <b>ошибки</b>")], files: [("attachment", "снимок экрана.png", Self.png), ("attachment", "C:\\Temp\\архив.zip", zip)]))
            #expect(answer.status == 201, "\(answer.bodyText)")
            let messages = try #require(Self.json(answer.bodyText)["messages"] as? [[String: Any]])
            let attachments = try #require(messages.last?["attachments"] as? [[String: Any]])
            #expect(messages.last?["body"] as? String == "Снимки <b>ошибки</b>")
            #expect(attachments.map { $0["fileName"] as? String } == ["снимок экрана.png", "архив.zip"], "the path a Windows client sends is cut")
            #expect(attachments.map { $0["mediaType"] as? String } == ["image/png", "application/zip"])
            #expect(attachments.first?["sizeBytes"] as? Int == Self.png.count)

            let pngId = try #require(attachments.first?["id"] as? Int)
            for person in [f.customerUser, f.agent, f.accounting, f.admin] {
                let download = try await f.client.send(
                    method: .GET, path: "/v1/tickets/\(tid)/attachments/\(pngId)", headers: [("Authorization", "Bearer \(person.token)")])
                #expect(download.status == 200)
                #expect(download.body == Self.png, "the bytes as uploaded, nothing added or cut")
                let headers = Dictionary(download.headers.map { ($0.name.lowercased(), $0.value) }) { first, _ in first }
                #expect(headers["content-type"] == "image/png")
                #expect(headers["content-disposition"]?.hasPrefix("attachment;") == true)
                #expect(headers["content-disposition"]?.contains("filename*=UTF-8''%D1%81%D0%BD%D0%B8%D0%BC%D0%BE%D0%BA%20") == true, "\(headers)")
                #expect(headers["x-content-type-options"] == "nosniff")
            }
            let other = try await f.person(.customer, "Other", customer: f.customerB.id)
            #expect(try await f.call(other, "GET", "/v1/tickets/\(tid)/attachments/\(pngId)").status == 404, "another customer learns nothing")
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)/attachments/999999").status == 404)
            #expect(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)/attachments/abc").status == 400)

            // The same screenshot again: a second link, one stored copy.
            let again = try await Self.upload(f, f.agent, tid: tid, Self.form([("body", "Тот же снимок")], files: [("attachment", "again.png", Self.png)]))
            #expect(again.status == 201, "\(again.bodyText)")
            let counts = try await f.store.writer.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachmentContent") ?? -1,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messageAttachment") ?? -1)
            }
            #expect(counts == (2, 3), "stored once by SHA-256")
        }
    }

    @Test("R-4.6 a BMP on its own, a program named .png, a missing body or an unknown field refuse the whole message with a reason; nothing is stored")
    func refusals() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", TicketRouteTests.body.replacingOccurrences(of: "PC", with: "standard"))
            let tid = try #require((Self.json(filed.body)["ticket"] as? [String: Any])?["tid"] as? String)
            let bmp = try await Self.upload(f, f.customerUser, tid: tid, Self.form([("body", "BMP")], files: [("attachment", "screen.bmp", Self.bmp)]))
            #expect(bmp.status == 422)
            #expect(Self.json(bmp.bodyText)["code"] as? String == "attachment_refused")
            #expect((Self.json(bmp.bodyText)["detail"] as? String)?.contains("R-4.6") == true, "\(bmp.bodyText)")
            #expect((Self.json(bmp.bodyText)["detail"] as? String)?.contains("screen.bmp") == true)

            let disguised = try await Self.upload(f, f.customerUser, tid: tid, Self.form(
                [("body", "Exe")], files: [("attachment", "ok.png", Self.png), ("attachment", "photo.png", Self.program)]))
            #expect(disguised.status == 422, "the content decides, not the name: \(disguised.bodyText)")

            let noBody = try await Self.upload(f, f.customerUser, tid: tid, Self.form([], files: [("attachment", "a.png", Self.png)]))
            #expect(noBody.status == 400 && noBody.bodyText.contains("body"), "\(noBody.bodyText)")
            let unknown = try await Self.upload(f, f.customerUser, tid: tid, Self.form([("body", "x"), ("evil", "1")], files: []))
            #expect(unknown.status == 400 && unknown.bodyText.contains("unknown_field"))
            let nul = try await Self.upload(f, f.customerUser, tid: tid, Self.form([("body", "a\u{0}b")], files: []))
            #expect(nul.status == 400, "\(nul.bodyText)")

            let view = Self.json(try await f.call(f.customerUser, "GET", "/v1/tickets/\(tid)").body)
            #expect((view["messages"] as? [Any])?.count == 1, "only the ticket's first message: nothing half-stored")
            #expect(try await f.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attachmentContent") } == 0)
        }
    }

    @Test("R-4.6 inside a deflated ZIP each file is judged by its bytes: a program named photo.png, a ZIP bomb and a RAR are refused; a deflated BMP passes")
    func archivesJudgedByBytes() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets", TicketRouteTests.body.replacingOccurrences(of: "PC", with: "standard"))
            let tid = try #require((Self.json(filed.body)["ticket"] as? [String: Any])?["tid"] as? String)
            let disguised = try await Self.deflatedZIP([("photo.png", #"b"MZ\x90\x00" + b"\x00" * 4000"#)])
            let bomb = try await Self.deflatedZIP([("screen.bmp", #"b"BM" + bytes(200 * 1024 * 1024)"#)])
            #expect(bomb.count < 1 << 20, "200 MiB of zeros in \(bomb.count) bytes")
            var generator = SystemRandomNumberGenerator()
            let rar = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00] + (0..<2048).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for (name, bytes, reason) in [("снимки.zip", disguised, "не изображение"), ("bomb.zip", bomb, "слишком велики"),
                                          ("снимки.rar", rar, "RAR не принимаются")] {
                let answer = try await Self.upload(f, f.customerUser, tid: tid, Self.form([("body", "Архив")], files: [("attachment", name, bytes)]))
                #expect(answer.status == 422, "\(name): \(answer.bodyText)")
                #expect(Self.json(answer.bodyText)["code"] as? String == "attachment_refused")
                #expect((Self.json(answer.bodyText)["detail"] as? String)?.contains(reason) == true, "\(name): \(answer.bodyText)")
            }
            let pictures = try await Self.deflatedZIP([("экран.bmp", #"b"BM" + bytes(4000)"#), ("shot.png", #"b"\x89PNG\r\n\x1a\n" + bytes(300)"#)])
            let accepted = try await Self.upload(f, f.customerUser, tid: tid, Self.form([("body", "Снимки")], files: [("attachment", "снимки.zip", pictures)]))
            #expect(accepted.status == 201, "\(accepted.bodyText)")
            #expect(try await f.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attachmentContent") } == 1, "only the good archive is stored")
        }
    }

    @Test("R-4.6 by mail: a letter's PNG is filed with it; its BMP is not, and the sender is told why, quoting the rule")
    func fromMail() async throws {
        let server = try await MailIngestTests.serverWithCustomer(registering: "alice@customer.test")
        defer { server.killIfRunning() }
        let letter = """
            From: alice@customer.test\r
            To: support@desk.test\r
            Subject: Ошибка при печати\r
            Message-ID: <attach1@customer.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Снимки во вложении\r
            --b1\r
            Content-Type: image/png; name="shot.png"\r
            Content-Disposition: attachment; filename="shot.png"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(Self.png).base64EncodedString())\r
            --b1\r
            Content-Type: image/bmp\r
            Content-Disposition: attachment; filename="screen.bmp"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(Self.bmp).base64EncodedString())\r
            --b1--\r

            """
        let result = await MailIngestTests().ingest(server, letter)
        #expect(result.exitCode == 0 && result.standardError.contains("Opened TID-"), "\(result.standardError)")
        let store = try AppDatabase.openFile(atPath: server.database)
        let ticket = try #require(try await store.tickets(customerId: nil, state: nil).first)
        let messages = try await store.messages(ticketId: ticket.id)
        #expect(messages.first?.body == "Снимки во вложении")
        #expect(messages.first?.attachments.map(\.fileName) == ["shot.png"])
        let attachmentId = try #require(messages.first?.attachments.first?.id)
        let content = try #require(try await store.attachment(id: attachmentId))
        #expect(content.bytes == Self.png)
        let answer = try #require(try await store.notifications().first { $0.kind == "attachment-refused" })
        #expect(answer.recipient == "alice@customer.test")
        #expect(answer.body.contains("R-4.6") && answer.body.contains("screen.bmp") && answer.subject.contains(ticket.tid), "\(answer.body)")
    }
}
