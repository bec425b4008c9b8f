import AssistCore
import AssistDesk
import AssistServer
import AssistStore
import AssistTestSupport
import Foundation
import Logging
import Testing

/// The web console over the real TLS server and database, without a browser: sign-in,
/// sessions, CSRF, throttling, escaping and ownership. The browser journeys are in
/// Tests/Browser (Selenium + chromium).
@Suite("Web console")
struct WebConsoleTests {
    static let password = "correct horse battery staple"

    /// The fixture's people with a console password each.
    static func withConsole(
        _ settings: ServerSettings = LiveServer.settings(), logger: Logger = LiveServer.logger, _ body: (AccountFixture) async throws -> Void
    ) async throws {
        try await AccountFixture.withLiveServer(settings, logger: logger) { f in
            let hash = try await ScryptPasswordHasher().hash(password)
            for person in [f.admin, f.agent, f.accounting, f.customerUser] {
                try await f.store.setPasswordHash(userId: person.user.id, hash: hash, by: nil, at: TestClock.now)
            }
            try await body(f)
        }
    }

    /// A new browser signed in as `email` with the fixture's password; the sign-in must succeed.
    static func browser(signedInAs email: String?, port: Int) async throws -> ConsoleBrowser {
        let browser = try ConsoleBrowser(port: port)
        let answer = try await browser.signIn(try #require(email), password)
        #expect(answer.status == 303, "signing in as \(email ?? "nobody")")
        return browser
    }

    @Test("sign-in gives a new __Host- session cookie (Secure, HttpOnly, SameSite=Lax) each time; pages carry CSP without inline script, HSTS, DENY, no-store")
    func signInCookieAndHeaders() async throws {
        try await Self.withConsole { f in
            let browser = try ConsoleBrowser(port: f.port)
            let signin = try await browser.get("/signin")
            #expect(signin.status == 200)
            #expect(signin.body.contains("lang=\"ru\""))
            let csp = try #require(signin.header("Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(signin.header("Strict-Transport-Security") != nil)
            #expect(signin.header("X-Frame-Options") == "DENY")
            // same-origin, not no-referrer: with no-referrer browsers post forms with `Origin: null`.
            #expect(signin.header("Referrer-Policy") == "same-origin")
            let signedIn = try await browser.post("/signin", [("email", f.customerUser.user.email!), ("password", Self.password)])
            #expect(signedIn.status == 303)
            #expect(signedIn.location == "/tickets")
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix("__Host-assist-session=") })
            for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] { #expect(cookie.contains(flag), "\(flag) missing from \(cookie)") }
            #expect(!cookie.contains("Domain="))
            let first = browser.cookies["__Host-assist-session"]
            let tickets = try await browser.get("/tickets")
            #expect(tickets.status == 200)
            #expect(tickets.header("Cache-Control") == "no-store")
            _ = try await browser.signIn(f.customerUser.user.email!, Self.password)
            #expect(browser.cookies["__Host-assist-session"] != first, "a sign-in must start a new session id")
            // The secret is not in the database: only its hash.
            let stored = try await f.store.webSession(secretHash: OpenSSLSecrets().sha256Hex(first ?? ""))
            #expect(stored != nil)
        }
    }

    @Test("a wrong password and an unknown address get the same answer; after 5 failures the right password waits too")
    func throttledSignIn() async throws {
        try await Self.withConsole { f in
            let browser = try ConsoleBrowser(port: f.port)
            let wrong = try await browser.signIn(f.agent.user.email!, "not the password at all")
            let unknown = try await browser.signIn("nobody@example.ru", "not the password at all")
            #expect(wrong.status == 401 && unknown.status == 401)
            #expect(wrong.message == unknown.message)
            #expect(wrong.body.contains("value=\"\(f.agent.user.email!)\""), "the typed address comes back in the form")
            for _ in 0..<4 { _ = try await browser.signIn(f.agent.user.email!, "still not the password") }
            let throttled = try await browser.signIn(f.agent.user.email!, Self.password)
            #expect(throttled.status == 429)
            #expect(throttled.message?.contains("Слишком много попыток") == true)
            #expect(browser.cookies["__Host-assist-session"] == nil)
            // Another account from the same address is not locked by them.
            #expect(try await browser.signIn(f.accounting.user.email!, Self.password).status == 303)
        }
    }

    @Test("a form posted without its CSRF token, or with another session's, is refused 403 and nothing is stored")
    func csrfRefused() async throws {
        try await Self.withConsole { f in
            let customer = try await Self.browser(signedInAs: f.customerUser.user.email, port: f.port)
            _ = try await customer.get("/tickets/new")
            let fields = [("subject", "Не запускается"), ("description", "Ошибка при старте"), ("productVersion", "4.2")]
            let missing = try await customer.post("/tickets/new", fields, csrf: .some(nil))
            #expect(missing.status == 403)
            #expect(missing.message?.contains("Форма отклонена") == true)
            let other = try await Self.browser(signedInAs: f.agent.user.email, port: f.port)
            let foreign = try await customer.post("/tickets/new", fields, csrf: .some(other.lastCSRF))
            #expect(foreign.status == 403)
            #expect(try await f.store.tickets(customerId: nil, state: nil).isEmpty)
            // And with its own token it goes through.
            let filed = try await customer.post("/tickets/new", fields)
            #expect(filed.status == 303)
            #expect(try await f.store.tickets(customerId: nil, state: nil).count == 1)
            // Left-out fields (steps, rating) are left out of the page, not shown as "nil".
            let page = try await customer.get(try #require(filed.location))
            #expect(page.status == 200)
            #expect(!page.body.contains("nil") && !page.body.contains("Шаги для воспроизведения") && !page.body.contains("Оценка"))
            // R-4.10: no relay here, so the confirmation has not left: the page says the registration waits, as the API does.
            #expect(page.body.contains("Заявка записана") && !page.body.contains("Заявка принята"))
            #expect(page.body.contains("ожидает: письмо-подтверждение"), "\(page.body)")
            #expect(page.body.contains("через консоль"), "R-4.5: the customer's own filing through the console")
        }
    }

    @Test("a cookie copied before sign-out is worthless after it; sign out everywhere ends the other browsers")
    func stolenCookieAfterSignOut() async throws {
        try await Self.withConsole { f in
            let browser = try await Self.browser(signedInAs: f.agent.user.email, port: f.port)
            let stolen = try #require(browser.cookies["__Host-assist-session"])
            _ = try await browser.get("/queue")
            #expect(try await browser.post("/signout", []).location?.hasPrefix("/signin") == true)
            let thief = try ConsoleBrowser(port: f.port)
            thief.setCookie("__Host-assist-session", stolen)
            let page = try await thief.get("/queue")
            #expect(page.status == 303 && page.location == "/signin")

            let laptop = try await Self.browser(signedInAs: f.agent.user.email, port: f.port)
            let phone = try await Self.browser(signedInAs: f.agent.user.email, port: f.port)
            _ = try await laptop.get("/account")
            #expect(try await laptop.post("/signout/everywhere", []).status == 303)
            #expect(try await phone.get("/queue").location == "/signin")
        }
    }

    @Test("R-4.1 a customer files a ticket by form; typed markup is shown as text; another customer gets 404")
    func fileAndEscape() async throws {
        try await Self.withConsole { f in
            let customer = try await Self.browser(signedInAs: f.customerUser.user.email, port: f.port)
            _ = try await customer.get("/tickets/new")
            // The last: a quote followed by a combining accent is one Character, yet a browser ends an attribute at it.
            let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>\"\u{301} onmouseover=alert(3) x="
            let filed = try await customer.post(
                "/tickets/new", [("subject", "Subject \(hostile)"), ("description", hostile), ("steps", hostile), ("productVersion", "4.2"), ("operational", "yes")])
            #expect(filed.status == 303)
            let location = try #require(filed.location)
            #expect(location.hasPrefix("/tickets/TID-"))
            let page = try await customer.get(location)
            #expect(page.status == 200)
            #expect(!page.body.contains("<script>alert"))
            #expect(!page.body.contains("<img src=x"))
            let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&quot;\u{301} onmouseover=alert(3) x="
            let attributeBreak = "\"\u{301} onmouseover"
            #expect(page.body.contains(escaped))
            #expect(!page.body.contains(attributeBreak))
            #expect(page.body.contains("потеря работоспособности"))

            let otherCustomer = try await f.person(.customer, "Stranger", customer: f.customerB.id)
            try await f.store.setPasswordHash(userId: otherCustomer.user.id, hash: try await ScryptPasswordHasher().hash(Self.password), by: nil, at: TestClock.now)
            let stranger = try await Self.browser(signedInAs: otherCustomer.user.email, port: f.port)
            #expect(try await stranger.get(location).status == 404)
            let tid = String(location.dropFirst("/tickets/".count).prefix { $0 != "?" })
            #expect(try await stranger.post("/tickets/\(tid)/reply", [("body", "mine now")]).status == 404)
            #expect(try await stranger.get("/invoices/2026-000001").status == 404)
        }
    }

    @Test("hostile form input gets a page with a message, never a crash, a 500 or JSON: NUL, control characters, huge numbers, a malformed address")
    func hostileForms() async throws {
        try await Self.withConsole { f in
            let customer = try await Self.browser(signedInAs: f.customerUser.user.email, port: f.port)
            _ = try await customer.get("/tickets/new")
            for subject in ["NUL\u{0}inside", "bell\u{7}", String(repeating: "я", count: 5_000)] {
                let page = try await customer.post("/tickets/new", [("subject", subject), ("description", "d"), ("productVersion", "1")])
                #expect(page.status == 400, "subject of \(subject.count) characters")
                #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
                #expect(page.message?.isEmpty == false)
            }
            #expect(try await f.store.tickets(customerId: nil, state: nil).isEmpty)
            let admin = try await Self.browser(signedInAs: f.admin.user.email, port: f.port)
            _ = try await admin.get("/accounting/metering")
            let huge = try await admin.post("/accounting/metering/1/correct", [("minutes", "99999999999999999999"), ("reason", "x")])
            #expect(huge.status == 400)
            let overflow = try await admin.post("/accounting/metering/1/correct", [("minutes", "9223372036854775807"), ("reason", "x")])
            #expect(overflow.status == 400)
            let malformed = try await admin.get("/sessions/not-a-number")
            #expect(malformed.status == 404)
            #expect(malformed.header("Content-Type")?.hasPrefix("text/html") == true)
            // An address that does not exist is a page for a browser, and still problem+json for the API.
            let missing = try await admin.get("/no/such/page")
            #expect(missing.status == 404 && missing.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(missing.message?.contains("Такой страницы нет") == true)
            let api = try await f.call(f.admin, "GET", "/v1/no-such-thing")
            #expect(api.status == 404 && api.body.contains("\"code\""))
        }
    }

    @Test("R-4.7 an admin creates a customer with a contract and a licence address through the console; admin pages answer, in Russian")
    func adminPages() async throws {
        try await Self.withConsole { f in
            let admin = try await Self.browser(signedInAs: f.admin.user.email, port: f.port)
            _ = try await admin.get("/admin/customers")
            let created = try await admin.post("/admin/customers", [("name", "ООО «Вектор»"), ("inn", "")])
            #expect(created.status == 303)
            let location = try #require(created.location)
            let id = try #require(Int64(location.dropFirst("/admin/customers/".count).prefix { $0.isNumber }))
            _ = try await admin.get(location)
            #expect(try await admin.post("/admin/customers/\(id)/contracts", [("tier", "commercial"), ("term", "year")]).status == 303)
            #expect(try await admin.post("/admin/customers/\(id)/licence-emails", [("email", "boss@vector.ru")]).status == 303)
            let page = try await admin.get("/admin/customers/\(id)")
            #expect(page.body.contains("коммерческая, год"))
            #expect(page.body.contains("boss@vector.ru"))
            #expect(try await f.store.isRegisteredSender("boss@vector.ru", customerId: id))
            // R-4.7: a commercial group made, a member taken out and one added, renamed, then deleted — from the page's forms.
            #expect(try await admin.post("/admin/customers/\(id)/groups", [("name", "Склад"), ("members", "ivan@vector.ru, olga@vector.ru")]).status == 303)
            let group = try #require(try await f.store.groups(customerId: id).first)
            #expect(try await admin.post("/admin/customers/\(id)/groups/change", [("group", "\(group.id)"), ("remove", "ivan@vector.ru")]).status == 303)
            #expect(try await admin.post("/admin/customers/\(id)/groups/change", [("group", "\(group.id)"), ("name", "Логистика"), ("add", "petr@vector.ru")]).status == 303)
            #expect(try await f.store.groups(customerId: id).first?.members == ["olga@vector.ru", "petr@vector.ru"])
            let groupPage = try await admin.get("/admin/customers/\(id)?done=group-changed")
            #expect(groupPage.body.contains("Логистика") && groupPage.body.contains("Коммерческая группа изменена") && !groupPage.body.contains("ivan@vector.ru"))
            #expect(try await admin.post("/admin/customers/\(id)/groups/delete", [("group", "\(group.id)")]).status == 303)
            #expect(try await f.store.groups(customerId: id).isEmpty)
            let invalid = try await admin.post("/admin/customers/\(id)/contracts", [("tier", "platinum")])
            #expect(invalid.status == 400 && invalid.body.contains("ООО «Вектор»"), "the customer's page again, with the refusal")
            for path in ["/admin/users", "/admin/calendar", "/admin/calendar?year=9000000000000000000", "/admin/audit", "/admin/outbox", "/queue",
                         "/accounting/metering", "/accounting/invoices", "/accounting/exports", "/account"] {
                let answer = try await admin.get(path)
                #expect(answer.status == 200, "\(path)")
                #expect(!answer.body.contains("nil") && !answer.body.contains("Optional("), "\(path)")
            }
            #expect(try await admin.get("/admin/calendar").body.contains("Январь"))
            #expect(try await admin.get("/admin/audit").body.contains("Цепочка цела"))
        }
    }

    @Test("forgot the password: a one-time link by mail for a known address, the same answer for an unknown one, one letter per 15 minutes")
    func passwordResetByMail() async throws {
        try await Self.withConsole { f in
            let person = try ConsoleBrowser(port: f.port)
            #expect(try await person.get("/signin").body.contains("href=\"/password/forgot\""))
            #expect(try await person.get("/password/forgot").status == 200)
            let known = try await person.post("/password/forgot", [("email", f.agent.user.email!.uppercased())])
            let unknown = try await person.post("/password/forgot", [("email", "nobody@example.ru")])
            #expect(known.status == 200 && unknown.status == 200)
            #expect(known.message == unknown.message, "the answer must not say which addresses exist")
            _ = try await person.post("/password/forgot", [("email", f.agent.user.email!)])
            // Letters are written after the answer, in order: once a letter asked for last is there,
            // the repeat before it has been dealt with.
            _ = try await person.post("/password/forgot", [("email", f.accounting.user.email!)])
            var letters: [OutboxNotification] = []
            for _ in 0..<400 where !letters.contains(where: { $0.recipient == f.accounting.user.email }) {
                letters = try await f.store.notifications().filter { $0.kind == "password-reset" }
                if !letters.contains(where: { $0.recipient == f.accounting.user.email }) { try await Task.sleep(for: .milliseconds(50)) }
            }
            letters = letters.filter { $0.recipient != f.accounting.user.email }
            #expect(letters.count == 1, "one letter for the known address, none for the unknown, none for the repeat within 15 minutes")
            let letter = try #require(letters.first)
            #expect(letter.recipient == f.agent.user.email)
            #expect(letter.body.contains(LetterSecret.marker) && !letter.body.contains("/password/set/"), "the link is sealed, not in the text")
            // What the delivery service does: claim the letter and open its sealed link.
            let claimed = try #require(try await f.store.claimDueNotifications(limit: 10, messageIdDomain: "desk.test", staleAfter: 600, at: TestClock.now)
                .first { $0.id == letter.id })
            let sealed = try #require(claimed.sealedSecret)
            let opened = try #require(OpenSSLSealer(key: TestKeys.credentialsKey).open(sealed, context: LetterSecret.sealingContext(recipient: letter.recipient)))
            let link = String(decoding: opened, as: UTF8.self)
            let path = String(link[try #require(link.range(of: "/password/set/")).lowerBound...])
            let set = try await person.post(path, [("password", "a phrase from the mail"), ("passwordRepeat", "a phrase from the mail")])
            #expect(set.location == "/signin?done=password-set")
            #expect(try await person.signIn(f.agent.user.email!, "a phrase from the mail").location == "/queue")
            #expect(try await person.post(path, [("password", "once more, please"), ("passwordRepeat", "once more, please")]).status == 410)
            let entries = try await f.store.auditEntries(subject: "user:\(f.agent.user.id)").map(\.action)
            // After the fixture's own password: the letter asked for, then the password it set.
            #expect(Array(entries.suffix(2)) == ["user.password-link.mailed", "user.password.set"])
        }
    }

    @Test("a set-password link sets the password once; a second use is refused")
    func passwordLinkOnce() async throws {
        try await Self.withConsole { f in
            let newcomer = try await f.person(.agent, "Newcomer")
            let admin = try await Self.browser(signedInAs: f.admin.user.email, port: f.port)
            _ = try await admin.get("/admin/users")
            let linkPage = try await admin.post("/admin/users/\(newcomer.user.id)/password-link", [])
            let link = try #require(ConsoleBrowser.Page.attribute(after: "id=\"password-link\" href=\"", in: linkPage.body))
            let path = String(link[try #require(link.range(of: "/password/set/")).lowerBound...])
            let person = try ConsoleBrowser(port: f.port)
            #expect(try await person.get(path).status == 200)
            let weak = try await person.post(path, [("password", "short"), ("passwordRepeat", "short")])
            #expect(weak.status == 400)
            let set = try await person.post(path, [("password", "a long enough phrase"), ("passwordRepeat", "a long enough phrase")])
            #expect(set.location == "/signin?done=password-set")
            let again = try await person.post(path, [("password", "another long phrase"), ("passwordRepeat", "another long phrase")])
            #expect(again.status == 410)
            #expect(try await person.get(path).status == 410, "a used link shows no form")
            #expect(try await person.signIn(newcomer.user.email!, "a long enough phrase").location == "/queue")
            #expect(try await person.signIn(newcomer.user.email!, "another long phrase").status == 401)
            // Audited without a secret: who issued the link, that the password was set.
            let entries = try await f.store.auditEntries(subject: "user:\(newcomer.user.id)").filter { $0.action.hasPrefix("user.password") }
            #expect(entries.map(\.action) == ["user.password-link.issued", "user.password.set"])
            #expect(entries.first?.actorUserId == f.admin.user.id)
            let token = String(path.dropFirst("/password/set/".count))
            #expect(!entries.contains { $0.detail.contains(token) || $0.detail.contains("a long enough phrase") })

            // A new link voids the one before it (say, because that one leaked).
            func newLink() async throws -> String {
                _ = try await admin.get("/admin/users")
                let page = try await admin.post("/admin/users/\(newcomer.user.id)/password-link", [])
                let link = try #require(ConsoleBrowser.Page.attribute(after: "id=\"password-link\" href=\"", in: page.body))
                return String(link[try #require(link.range(of: "/password/set/")).lowerBound...])
            }
            let leaked = try await newLink()
            let fresh = try await newLink()
            #expect(try await person.get(leaked).status == 410)
            #expect(try await person.get(fresh).status == 200)
            let leakedUse = try await person.post(leaked, [("password", "attacker's own phrase"), ("passwordRepeat", "attacker's own phrase")])
            #expect(leakedUse.status == 410)
            #expect(try await person.post(fresh, [("password", newcomer.user.email!), ("passwordRepeat", newcomer.user.email!)]).status == 400,
                    "the e-mail address is no password")
        }
    }

    @Test("a session ends after its idle time and after its absolute lifetime")
    func sessionExpiry() async throws {
        let database = try AppDatabase.inMemory()
        let desk = AssistApplication.offlineDesk(database: .sqlite(database), clock: TestClock.shared)
        let user = try await database.createUser(NewUser(displayName: "A", email: "a@example.ru", role: .agent, customerId: nil, phone: nil), at: TestClock.now)
        try await database.setPasswordHash(userId: user.id, hash: try await ScryptPasswordHasher().hash(Self.password), by: nil, at: TestClock.now)
        let signedIn = try await desk.signIn.signIn(email: "a@example.ru", password: Self.password, from: "127.0.0.1")
        #expect(try await desk.signIn.session(secret: signedIn.secret).user.id == user.id)
        try await database.touchWebSession(id: signedIn.session.id, at: TestClock.now.addingTimeInterval(-31 * 60))
        await #expect(throws: DeskError.webSessionEnded) { try await desk.signIn.session(secret: signedIn.secret) }

        let secret = "an-old-session-secret"
        let old = try await database.createWebSession(
            userId: user.id, secretHash: OpenSSLSecrets().sha256Hex(secret), csrfToken: "t", at: TestClock.now.addingTimeInterval(-13 * 3600))
        try await database.touchWebSession(id: old.id, at: TestClock.now)
        await #expect(throws: DeskError.webSessionEnded) { try await desk.signIn.session(secret: secret) }
    }

    @Test("assistd admin set-password reads the password from stdin and refuses a short one")
    func offlineSetPassword() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assist-setpw-\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.openFile(atPath: path)
        _ = try await database.createUser(NewUser(displayName: "Root", email: "root@example.ru", role: .admin, customerId: nil, phone: nil), at: TestClock.now)
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        func setPassword(_ email: String, _ input: String) async -> ExternalProcess.Result {
            await ExternalProcess.run(assistd, ["admin", "set-password", "--email", email, "--database", path], input: Data(input.utf8))
        }
        let short = await setPassword("root@example.ru", "short\n")
        #expect(short.exitCode != 0)
        #expect(short.standardError.contains("shorter than 10"))
        #expect(await setPassword("x@example.ru", "long enough password\n").exitCode != 0)
        let set = await setPassword("root@example.ru", "long enough password\n")
        #expect(set.exitCode == 0)
        #expect(!set.standardOutput.contains("long enough password") && !set.standardError.contains("long enough password"))
        let desk = AssistApplication.offlineDesk(database: .sqlite(database), clock: TestClock.shared)
        #expect(try await desk.signIn.signIn(email: "root@example.ru", password: "long enough password", from: "t").user.role == .admin)
    }
}
