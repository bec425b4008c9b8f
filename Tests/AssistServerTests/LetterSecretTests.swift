import AssistCore
import AssistMail
import AssistServer
import AssistTestSupport
import Foundation
import GRDB
import Logging
import Testing

@testable import AssistStore

/// Set-password links reach the person they are for and no one else: not an agent reading the
/// outbox, not another admin, not the audit log or the server's log (the account takeover
/// through the outbox), and they point to the configured console, never to a request's Host.
@Suite("A set-password link reaches its recipient alone", .serialized)
struct LetterSecretTests {
    static let console = "https://support.desk.test"

    @Test("no agent or second admin ever reads a live set-password link — asked for on «Забыли пароль?», mailed by an admin or shown to one — in an API answer, a page, the audit log or the log; the mailed link reaches the mailbox through Postfix, points to web.publicURL and works once")
    func linksReachOnlyTheirRecipient() async throws {
        let lines = RecordingLogHandler.Lines()
        var logger = RecordingLogHandler.logger(into: lines)
        logger.logLevel = .trace
        let settings = LiveServer.settings { $0.webPublicURL = Self.console }
        try await MailPeers.withPostfix { postfix in
            try await AccountFixture.withLiveServer(settings, logger: logger) { f in
                let password = WebConsoleTests.password
                let hash = try await ScryptPasswordHasher().hash(password)
                func user(_ name: String, _ email: String, _ role: Role) async throws -> UserAccount {
                    let user = try await f.store.createUser(NewUser(displayName: name, email: email, role: role, customerId: nil, phone: nil), at: TestClock.now)
                    try await f.store.setPasswordHash(userId: user.id, hash: hash, by: nil, at: TestClock.now)
                    return user
                }
                // The one whose account the agent is after, one an admin mails a link to, and a
                // second admin who must not see what the first one does.
                let victim = try await user("Boss", "alice@customer.test", .admin)
                let newcomer = try await user("Newcomer", "bob@customer.test", .agent)
                let handedOver = try await user("Handed Over", "handed@example.ru", .agent)
                let secondAdmin = try await f.person(.admin, "Second")
                for person in [f.admin.user, f.agent.user, secondAdmin.user] {
                    try await f.store.setPasswordHash(userId: person.id, hash: hash, by: nil, at: TestClock.now)
                }

                // The agent asks for the admin's reset link, as anyone may.
                let stranger = try ConsoleBrowser(port: f.port)
                _ = try await stranger.get("/password/forgot")
                #expect(try await stranger.post("/password/forgot", [("email", "alice@customer.test")]).status == 200)
                // The first admin mails one link and is shown another, to pass on by hand.
                let admin = try await WebConsoleTests.browser(signedInAs: f.admin.user.email, port: f.port)
                _ = try await admin.get("/admin/users/\(newcomer.id)")
                #expect(try await admin.post("/admin/users/\(newcomer.id)/password-letter", []).location == "/admin/users/\(newcomer.id)?done=password-letter")
                _ = try await admin.get("/admin/users/\(handedOver.id)")
                let shownPage = try await admin.post("/admin/users/\(handedOver.id)/password-link", [])
                let shown = try #require(ConsoleBrowser.Page.attribute(after: "id=\"password-link\" href=\"", in: shownPage.body))
                #expect(shown.hasPrefix(Self.console + "/password/set/"), "a link to the configured console: \(shown)")

                // The requested letter is queued after the answer (its timing tells nothing).
                var queued: [OutboxNotification] = []
                for _ in 0..<200 where queued.count < 2 {
                    queued = try await f.store.notifications().filter { $0.kind == "password-reset" }
                    if queued.count < 2 { try await Task.sleep(for: .milliseconds(50)) }
                }
                try #require(queued.count == 2, "two letters with links: the requested one and the one the admin sent")
                #expect(queued.allSatisfy { $0.body.contains(LetterSecret.marker) && !$0.body.contains("/password/set/") })

                // Everything staff can read while the letters wait, and again after they left.
                func staffViews() async throws -> [String] {
                    var seen: [String] = []
                    for person in [f.agent, secondAdmin] {
                        for path in ["/v1/notifications", "/v1/audit", "/v1/users", "/v1/users/\(victim.id)"] {
                            seen.append(try await f.call(person, "GET", path).body)
                        }
                    }
                    for email in [f.agent.user.email, secondAdmin.user.email] {
                        let browser = try await WebConsoleTests.browser(signedInAs: email, port: f.port)
                        for path in ["/admin/outbox", "/admin/audit", "/admin/users", "/admin/users/\(victim.id)", "/admin/users/\(handedOver.id)", "/queue"] {
                            seen.append(try await browser.get(path).body)
                        }
                    }
                    // The first admin's own pages, but for the one answer that showed them their link.
                    for path in ["/admin/outbox", "/admin/audit", "/admin/users/\(handedOver.id)"] { seen.append(try await admin.get(path).body) }
                    return seen
                }
                let agentsOutbox = try await f.call(f.agent, "GET", "/v1/notifications").body
                #expect(!agentsOutbox.contains("password-reset"), "letters about accounts are for admins, not agents")
                #expect(try await f.call(secondAdmin, "GET", "/v1/notifications").body.contains(LetterSecret.marker), "admins see the letter, not its link")
                var seen = try await staffViews()

                let service = OutboxDeliveryService(
                    outbox: f.store,
                    client: try SMTPClient(
                        relay: try SMTPRelay.parse("smtp://localhost:\(postfix.port)").get(), trustRootsFile: Tools.development.caCertificate,
                        credentials: nil, heloName: "desk.test"),
                    settings: .init(from: "support@desk.test"), sealer: OpenSSLSealer(key: TestKeys.credentialsKey), clock: TestClock.shared, logger: logger)
                #expect(try await service.deliverDue() >= 2)
                func linkIn(_ mailbox: String) async throws -> String {
                    var letters: [[String: String]] = []
                    for _ in 0..<100 where letters.isEmpty {
                        letters = await postfix.delivered(to: mailbox)
                        if letters.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
                    }
                    let text = try #require(letters.first?["text"], "a letter in \(mailbox)")
                    #expect(!text.contains(LetterSecret.marker))
                    let start = try #require(text.range(of: Self.console + "/password/set/"), "the link, on the configured console, in: \(text)")
                    return String(text[start.lowerBound...].prefix { !$0.isWhitespace })
                }
                let requested = try await linkIn("customer.test/alice")
                let mailed = try await linkIn("customer.test/bob")
                // The sealed links are wiped once the relay took the letters.
                #expect(try await f.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM letterSecret") } == 0)
                seen += try await staffViews()

                let tokens = [requested, mailed, shown].map { String($0.dropFirst((Self.console + "/password/set/").count)) }
                #expect(Set(tokens).count == 3 && tokens.allSatisfy { $0.count >= 40 })
                let logged = lines.all.map { "\($0.message) \($0.metadata)" }
                for token in tokens {
                    #expect(!seen.contains { $0.contains(token) }, "a live link in a page or answer staff can read")
                    #expect(!logged.contains { $0.contains(token) }, "a live link in the log")
                    let audit = try await f.store.auditEntries(subject: nil)
                    #expect(!audit.contains { $0.detail.contains(token) }, "a live link in the audit log")
                }

                // The recipient's link works, once.
                let path = String(requested.dropFirst(Self.console.count))
                let owner = try ConsoleBrowser(port: f.port)
                #expect(try await owner.get(path).status == 200)
                let chosen = "a phrase only the boss knows"
                #expect(try await owner.post(path, [("password", chosen), ("passwordRepeat", chosen)]).location == "/signin?done=password-set")
                #expect(try await owner.post(path, [("password", "the agent's phrase here"), ("passwordRepeat", "the agent's phrase here")]).status == 410)
                #expect(try await owner.signIn("alice@customer.test", chosen).status == 303, "signed in with the password the link set")
                #expect(try await ConsoleBrowser(port: f.port).get(String(mailed.dropFirst(Self.console.count))).status == 200, "the mailed link works too")
            }
        }
    }

    @Test("a letter whose sealed link is gone (wiped, or sealed for another address) says what to do instead of showing the marker")
    func goneLinkSaysWhatToDo() {
        let letter = AccountNotices.passwordLink(displayName: "Анна", minutes: 60, byAdmin: false)
        #expect(letter.body.contains(LetterSecret.marker))
        #expect(!letter.body.contains("/password/set/"))
        let delivered = LetterSecret.render(letter.body, secret: "https://support.desk.test/password/set/abc")
        #expect(delivered.contains("https://support.desk.test/password/set/abc") && !delivered.contains(LetterSecret.marker))
        let gone = LetterSecret.render(letter.body, secret: nil)
        #expect(gone.contains(LetterSecret.gone) && !gone.contains(LetterSecret.marker))
        // Sealed for one recipient, the link does not open for another letter.
        let sealer = OpenSSLSealer(key: TestKeys.credentialsKey)
        let sealed = try? sealer.seal(Array("secret".utf8), context: LetterSecret.sealingContext(recipient: "a@example.ru"))
        #expect(sealed.flatMap { sealer.open($0, context: LetterSecret.sealingContext(recipient: "a@example.ru")) } == Array("secret".utf8))
        #expect(sealed.flatMap { sealer.open($0, context: LetterSecret.sealingContext(recipient: "b@example.ru")) } == nil)
    }
}
