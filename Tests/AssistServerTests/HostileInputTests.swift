import AssistCore
import AssistTestSupport
import Foundation
import Testing

/// What an attacker (or a broken client) sends: control characters, huge strings, lenient
/// queries, malformed HTTP. Each answer is a problem with a stable code, and nothing stored
/// changes.
@Suite("Hostile input is refused clearly and changes nothing")
struct HostileInputTests {
    static let ticket = #"{"subject":"SUBJECT","description":"DESCRIPTION","productVersion":"5.2","problemClass":"standard"}"#

    func file(_ f: AccountFixture, subject: String = "Не запускается", description: String = "Ошибка") async throws -> (status: Int, body: String) {
        let json = Self.ticket
            .replacingOccurrences(of: "SUBJECT", with: subject)
            .replacingOccurrences(of: "DESCRIPTION", with: description)
        return try await f.call(f.customerUser, "POST", "/v1/tickets", json)
    }

    func tickets(_ f: AccountFixture) async throws -> [Ticket] {
        try await f.store.tickets(customerId: nil, state: nil)
    }

    @Test("NUL and other control characters are refused in every text field, naming it; nothing is stored", arguments: [
        (#"a\u0000b"#, "subject"), (#"a\u0007b"#, "subject"), (#"a\u001bb"#, "subject"), (#"a\u007fb"#, "subject"), (#"a\u0085b"#, "subject"),
    ])
    func controlCharactersInSubject(value: String, field: String) async throws {
        try await AccountFixture.withLiveServer { f in
            let answer = try await file(f, subject: value)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.body.contains(#""code":"invalid_field""#))
            #expect(answer.body.contains("'\(field)'"))
            #expect(try await tickets(f).isEmpty)
        }
    }

    @Test("a NUL anywhere in a body is refused: description, names, e-mail addresses, reasons")
    func nulEverywhere() async throws {
        try await AccountFixture.withLiveServer { f in
            #expect(try await file(f, description: #"x\u0000y"#).body.contains("'description' contains the control character U+0000"))
            let customer = try await f.call(f.admin, "POST", "/v1/customers", #"{"name":"ООО \u0000 Ромашка"}"#)
            #expect(customer.status == 400 && customer.body.contains("'name'"), "\(customer.body)")
            let user = try await f.call(f.admin, "POST", "/v1/users", #"{"displayName":"Ann","role":"agent","email":"a\u0000@b.ru"}"#)
            #expect(user.status == 400 && user.body.contains("'email'"), "\(user.body)")
            let restore = try await f.call(
                f.admin, "POST", "/v1/customers/\(f.customerA.id)/entitlements/phone-install/restore", #"{"reason":"typo\u0000x"}"#)
            #expect(restore.status == 400 && restore.body.contains("'reason'"), "\(restore.body)")
            #expect(try await f.store.verifyAuditChain() == .intact(entries: try await f.store.auditEntries(subject: nil).count))
        }
    }

    @Test("a NUL in a correction reason is refused, and the audit chain still verifies (the defect that broke it)")
    func nulInCorrectionReason() async throws {
        try await AccountFixture.withLiveServer { f in
            let tid = try #require(try JSONSerialization.jsonObject(with: Data(try await file(f).body.utf8)) as? [String: Any])
                .flatMap { ($0["ticket"] as? [String: Any])?["tid"] as? String }
            let tidValue = try #require(tid)
            let started = try await f.call(f.agent, "POST", "/v1/tickets/\(tidValue)/metered", #"{"kind":"install","channel":"phone-install"}"#)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any])?["id"] as? Int, "\(started.body)")
            #expect(try await f.call(f.agent, "POST", "/v1/metered/\(id)/stop").status == 200)
            let corrected = try await f.call(f.agent, "POST", "/v1/metered/\(id)/correction", #"{"rawSeconds":60,"reason":"typo\u0000x"}"#)
            #expect(corrected.status == 400, "\(corrected.body)")
            #expect(corrected.body.contains("'reason'"))
            let audit = await ExternalProcess.run(
                Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", f.databasePath])
            #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
            #expect(audit.standardOutput.contains("intact"))
        }
    }

    @Test("limits count Unicode scalars: one letter with a million combining accents is refused, not 200 characters")
    func combiningAccents() async throws {
        try await AccountFixture.withLiveServer { f in
            let accents = String(repeating: "\u{0301}", count: 100_000)
            let answer = try await file(f, subject: "a" + accents)
            #expect(answer.status == 400, "\(answer.body.prefix(300))")
            #expect(answer.body.contains("'subject' is longer than 200 characters"))
            // 200 Cyrillic letters (400 bytes) are still fine: the limit is in characters, not bytes.
            #expect(try await file(f, subject: String(repeating: "ж", count: 200)).status == 201)
            #expect(try await tickets(f).count == 1)
        }
    }

    @Test("subjects and names are one line (no header injection into mail); descriptions keep line breaks, CRLF stored as LF")
    func singleLineFields() async throws {
        try await AccountFixture.withLiveServer { f in
            for subject in [#"Hi\r\nBcc: victim@example.com"#, #"Hi\nX: y"#, #"Hi\rX"#, #"Hi\u2028X"#] {
                let answer = try await file(f, subject: subject)
                #expect(answer.status == 400, "\(subject): \(answer.body)")
                #expect(answer.body.contains("'subject' must be one line"))
            }
            let user = try await f.call(f.admin, "POST", "/v1/users", #"{"displayName":"Ann\r\nSmith","role":"agent"}"#)
            #expect(user.status == 400 && user.body.contains("'displayName' must be one line"), "\(user.body)")
            #expect(try await tickets(f).isEmpty)
            #expect(try await f.store.notifications().isEmpty, "nothing reached the outbox")

            let filed = try await file(f, subject: #"Tab\tis fine"#, description: #"line one\r\nline two\rline three"#)
            #expect(filed.status == 201, "\(filed.body)")
            #expect(try await tickets(f).first?.description == "line one\nline two\nline three")
        }
    }

    @Test("null is refused like a wrong type, as documented (inn: null)")
    func nullFields() async throws {
        try await AccountFixture.withLiveServer { f in
            let answer = try await f.call(f.admin, "POST", "/v1/customers", #"{"name":"ООО Лютик","inn":null}"#)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.body.contains(#""code":"invalid_field""#) && answer.body.contains("'inn' is null"))
            #expect(try await f.call(f.admin, "POST", "/v1/customers", #"{"name":"ООО Лютик"}"#).status == 201)
        }
    }

    @Test("queries are strict: an unparseable value or an unknown parameter is 400 invalid_query naming it")
    func strictQueries() async throws {
        try await AccountFixture.withLiveServer { f in
            _ = try await file(f)
            for (path, name) in [
                ("/v1/tickets?customerId=abc", "customerId"), ("/v1/tickets?customerId=-1", "customerId"), ("/v1/tickets?state=nope", "state"),
                ("/v1/tickets?customer=1", "customer"), ("/v1/invoices?customer=x", "customer"), ("/v1/tickets?state=new&state=new", "state"),
                ("/v1/customers/\(f.customerA.id)/tier?at=yesterday", "at"), ("/v1/exports/hours?from=2026-01-01&to=2026-01-31&by=moon", "by"),
            ] {
                let answer = try await f.call(f.admin, "GET", path)
                #expect(answer.status == 400, "\(path): \(answer.body)")
                #expect(answer.body.contains(#""code":"invalid_query""#), "\(path)")
                #expect(answer.body.contains("'\(name)'"), "\(path): \(answer.body)")
            }
            let listed = try await f.call(f.admin, "GET", "/v1/tickets?customerId=\(f.customerB.id)")
            #expect(listed.status == 200 && listed.body == "[]", "another customer's id lists only its tickets: \(listed.body)")
        }
    }

    @Test("every documented operation refuses a query parameter it does not take, and one it takes given twice, before anything else (one mechanism, from the OpenAPI document)")
    func everyOperationIsStrict() async throws {
        try await AccountFixture.withLiveServer { f in
            let document = try #require(try JSONSerialization.jsonObject(with: Data(try await f.client.send(path: "/v1/openapi.json").body)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                let path = template.replacingOccurrences(of: #"\{[^}]+\}"#, with: "1", options: .regularExpression)
                for (method, operation) in operations {
                    let answer = try await f.client.send(
                        method: .init(rawValue: method.uppercased()), path: path + "?bogus=1", headers: [("Authorization", "Bearer \(f.admin.token)")])
                    #expect(answer.status == 400 && answer.bodyText.contains(#""code":"invalid_query""#) && answer.bodyText.contains("'bogus'"),
                            "\(method) \(path)?bogus=1: \(answer.status) \(answer.bodyText)")
                    let names = ((operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? [])
                        .filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
                    if let name = names.first {
                        let twice = try await f.client.send(
                            method: .init(rawValue: method.uppercased()), path: path + "?\(name)=a&\(name)=b", headers: [("Authorization", "Bearer \(f.admin.token)")])
                        #expect(twice.status == 400 && twice.bodyText.contains("given twice"), "\(method) \(path)?\(name) twice: \(twice.bodyText)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 60, "every operation of the document: \(checked)")
            for path in ["/v1/me?bogus=1", "/healthz?bogus=1", "/v1/queue?x=", "/v1/customers?bogus", "/v1/users?a=1&b=2"] {
                let answer = try await f.call(f.admin, "GET", path)
                #expect(answer.status == 400 && answer.body.contains("invalid_query"), "\(path): \(answer.body)")
            }
        }
    }

    @Test("an address written with an empty segment or a trailing slash is not its route: 404 problem+json for the API, a page for the console")
    func pathsAreExact() async throws {
        try await AccountFixture.withLiveServer { f in
            for path in ["//v1/me", "/v1//me", "/v1/me/", "/healthz/", "/v1/tickets//", "//healthz"] {
                let answer = try await f.client.send(path: path, headers: [("Authorization", "Bearer \(f.admin.token)")])
                #expect(answer.status == 404 && answer.bodyText.contains(#""code":"not_found""#), "\(path): \(answer.status) \(answer.bodyText)")
                #expect(answer.header("Content-Type") == "application/problem+json", "\(path)")
            }
            #expect(try await f.call(f.admin, "GET", "/v1/me").status == 200, "the route as written still answers")
            let page = try await f.client.send(path: "/queue/", headers: [("Accept", "text/html")])
            #expect(page.status == 404 && page.bodyText.contains("Такой страницы нет"), "\(page.bodyText.prefix(300))")
        }
    }

    @Test("a wrong method is 405 with Allow naming the methods the path takes")
    func wrongMethod() async throws {
        try await AccountFixture.withLiveServer { f in
            let response = try await f.client.send(method: .DELETE, path: "/v1/tickets", headers: [("Authorization", "Bearer \(f.admin.token)")])
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, POST")
            #expect(response.bodyText.contains(#""code":"method_not_allowed""#))
            let unknown = try await f.client.send(method: .DELETE, path: "/v1/nowhere")
            #expect(unknown.status == 404, "an unknown path stays 404")
            let ticket = try await f.client.send(method: .PUT, path: "/v1/tickets/TID-2026-000001")
            #expect(ticket.status == 405 && ticket.header("Allow") == "GET")
        }
    }

    @Test("security headers on every answer; no-store on authenticated data; the invoice page has its own CSP")
    func securityHeaders() async throws {
        try await AccountFixture.withLiveServer { f in
            let health = try await f.client.send(path: "/healthz")
            let problem = try await f.client.send(path: "/v1/nowhere")
            let me = try await f.client.send(path: "/v1/me", headers: [("Authorization", "Bearer \(f.agent.token)")])
            for response in [health, problem, me] {
                #expect(response.header("Strict-Transport-Security") == "max-age=31536000")
                #expect(response.header("X-Content-Type-Options") == "nosniff")
                #expect(response.header("X-Frame-Options") == "DENY")
                #expect(response.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            }
            #expect(me.header("Cache-Control") == "no-store")
            #expect(health.header("Cache-Control") == nil)
        }
    }

    @Test("the OpenAPI document says the invoice page answers text/html and exports CSV too")
    func documentedMediaTypes() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: TestCertificates.repositoryRoot.appendingPathComponent("openapi.json"))) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        func types(_ path: String) -> [String] {
            let get = paths[path]?["get"] as? [String: Any]
            let ok = (get?["responses"] as? [String: Any])?["200"] as? [String: Any]
            return ((ok?["content"] as? [String: Any])?.keys.sorted()) ?? []
        }
        #expect(types("/v1/invoices/{number}/html") == ["text/html"])
        #expect(types("/v1/exports/hours") == ["application/json", "text/csv"])
    }
}
