import AssistCore
import Foundation
import Logging
import Testing

@testable import AssistServer

/// What the console's sign-in does against guessing, spraying and probing for accounts: it
/// leaves a trace (a throttled log line, audited lockouts), locks the account guessed at before
/// the address everyone behind a NAT shares, counts a trusted proxy's clients one by one, and
/// its «Забыли пароль?» answer takes as long for an address nobody has as for a real one.
@Suite("Console sign-in against guessing and probing", .serialized)
struct SignInAbuseTests {
    /// The `signin.locked` entries of `subject` once there are `count` of them (they are written
    /// after the answer, so that its timing tells nothing), or what there is after 20 s.
    static func lockouts(_ f: AccountFixture, _ subject: String, count: Int = 1) async throws -> [AuditEntry] {
        var found: [AuditEntry] = []
        for _ in 0..<400 {
            found = try await f.store.auditEntries(subject: subject).filter { $0.action == "signin.locked" }
            if found.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return found
    }

    @Test("«Забыли пароль?» answers a known and an unknown address in the same time: the two timing distributions overlap")
    func resetTimingTellsNothing() async throws {
        try await WebConsoleTests.withConsole { f in
            var known: [String] = []
            for index in 0..<8 {
                let user = try await f.store.createUser(
                    NewUser(displayName: "Known \(index)", email: "known\(index)@example.ru", role: .agent, customerId: nil, phone: nil), at: TestClock.now)
                known.append(user.email!)
            }
            let person = try ConsoleBrowser(port: f.port)
            _ = try await person.get("/password/forgot")
            // Warm the connection and the code path first, then alternate: a slow moment of the
            // machine falls on both kinds alike.
            _ = try await person.post("/password/forgot", [("email", "warm-up@example.ru")])
            var knownTimes: [Duration] = [], unknownTimes: [Duration] = []
            let clock = ContinuousClock()
            for index in 0..<8 {
                let knownStart = clock.now
                #expect(try await person.post("/password/forgot", [("email", known[index])]).status == 200)
                knownTimes.append(clock.now - knownStart)
                let unknownStart = clock.now
                #expect(try await person.post("/password/forgot", [("email", "nobody\(index)@example.ru")]).status == 200)
                unknownTimes.append(clock.now - unknownStart)
            }
            // Overlap: neither kind is always faster. (Before, known addresses took 8.4 ms and
            // unknown ones 4.8 ms, with no overlap in 8 + 8 tries: the letter was written, and
            // its commit waited for, inside the answer.)
            #expect(knownTimes.min()! <= unknownTimes.max()! && unknownTimes.min()! <= knownTimes.max()!,
                    "known \(knownTimes.sorted()), unknown \(unknownTimes.sorted())")
            // And the known addresses did get their letters.
            var letters = 0
            for _ in 0..<200 where letters < 8 {
                letters = try await f.store.notifications().filter { $0.kind == "password-reset" }.count
                if letters < 8 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(letters == 8)
        }
    }

    @Test("failed console sign-ins leave a trace: repeated failures are logged once a window (never the password), a locked account is audited; one person's mistakes do not lock others behind the same address")
    func failuresAreLoggedAndLockoutsAudited() async throws {
        let lines = RecordingLogHandler.Lines()
        var logger = RecordingLogHandler.logger(into: lines)
        logger.logLevel = .info
        try await WebConsoleTests.withConsole(logger: logger) { f in
            let browser = try ConsoleBrowser(port: f.port)
            var statuses: [Int] = []
            for attempt in 0..<12 { statuses.append(try await browser.signIn(f.agent.user.email!, "wrong guess number \(attempt)").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == 401 } && statuses.dropFirst(5).allSatisfy { $0 == 429 }, "\(statuses)")
            let warnings = lines.all.filter { $0.message.contains("Repeated failed console sign-ins") }
            #expect(warnings.count == 1, "once a window: \(lines.all.map { "\($0.level) \($0.message)" })")
            #expect(warnings.first?.metadata.contains("127.0.0.1") == true)
            #expect(!lines.all.contains { $0.message.contains("wrong guess") || $0.metadata.contains("wrong guess") }, "no password in the log")
            let audit = try await Self.lockouts(f, "user:\(f.agent.user.id)")
            #expect(audit.count == 1, "the lock that began is audited once, not every refusal: \(audit.map(\.detail))")
            #expect(audit.first?.detail.contains("5 failed attempts") == true)
            // The address everyone behind the same NAT shares is not locked by one person's typing.
            #expect(try await browser.signIn(f.accounting.user.email!, WebConsoleTests.password).status == 303)
        }
    }

    @Test("spraying many accounts from one address locks that address after 20 different e-mail addresses, audited and logged; its failures count the addresses tried, not the tries")
    func sprayingLocksTheAddress() async throws {
        let lines = RecordingLogHandler.Lines()
        var logger = RecordingLogHandler.logger(into: lines)
        logger.logLevel = .info
        try await WebConsoleTests.withConsole(logger: logger) { f in
            let sprayer = try ConsoleBrowser(port: f.port)
            var statuses: [Int] = []
            for index in 0..<25 { statuses.append(try await sprayer.signIn("sprayed\(index)@example.ru", "Summer2026!").status) }
            #expect(statuses.prefix(20).allSatisfy { $0 == 401 } && statuses.dropFirst(20).allSatisfy { $0 == 429 }, "\(statuses)")
            #expect(try await sprayer.signIn(f.accounting.user.email!, WebConsoleTests.password).status == 429, "the address is locked for everyone on it")
            let audit = try await Self.lockouts(f, "address:127.0.0.1")
            #expect(audit.map(\.action) == ["signin.locked"], "\(audit.map(\.detail))")
            #expect(lines.all.contains { $0.message.contains("Repeated failed console sign-ins") })
            // No entry for the made-up addresses: strangers' typing stays out of the audit log.
            #expect(try await f.store.auditEntries(subject: nil).allSatisfy { !$0.subject.contains("sprayed") && !$0.detail.contains("sprayed") })
        }
    }

    @Test("behind a trusted proxy (http.trustedProxies) each client is counted by its forwarded address; without the setting X-Forwarded-For is ignored, so a client cannot pick its own")
    func trustedProxyCountsClients() async throws {
        try await WebConsoleTests.withConsole(LiveServer.settings { $0.trustedProxies = ["127.0.0.1"] }) { f in
            let sprayer = try ConsoleBrowser(port: f.port)
            sprayer.extraHeaders = [("X-Forwarded-For", "203.0.113.7")]
            for index in 0..<21 { _ = try await sprayer.signIn("sprayed\(index)@example.ru", "Summer2026!") }
            #expect(try await sprayer.signIn(f.agent.user.email!, WebConsoleTests.password).status == 429)
            #expect(try await Self.lockouts(f, "address:203.0.113.7").map(\.action) == ["signin.locked"])
            let colleague = try ConsoleBrowser(port: f.port)
            colleague.extraHeaders = [("X-Forwarded-For", "198.51.100.20, 203.0.113.7")]  // another client; the hop before is not trusted
            #expect(try await colleague.signIn(f.agent.user.email!, WebConsoleTests.password).status == 429,
                    "only the nearest untrusted hop counts: a client cannot prepend its way out")
            let other = try ConsoleBrowser(port: f.port)
            other.extraHeaders = [("X-Forwarded-For", "198.51.100.20")]
            #expect(try await other.signIn(f.agent.user.email!, WebConsoleTests.password).status == 303, "another client behind the proxy signs in")
        }
        try await WebConsoleTests.withConsole { f in
            let sprayer = try ConsoleBrowser(port: f.port)
            for index in 0..<21 {
                sprayer.extraHeaders = [("X-Forwarded-For", "192.0.2.\(index)")]
                _ = try await sprayer.signIn("sprayed\(index)@example.ru", "Summer2026!")
            }
            #expect(try await sprayer.signIn(f.agent.user.email!, WebConsoleTests.password).status == 429, "a made-up X-Forwarded-For changes nothing")
        }
    }

    @Test("guesses sent in parallel lock the account once: one audit entry for the lock that began, not one per guess on its way")
    func parallelGuessesAuditOnce() async throws {
        try await WebConsoleTests.withConsole { f in
            let email = f.agent.user.email!
            try await withThrowingTaskGroup(of: Int.self) { group in
                for attempt in 0..<12 {
                    group.addTask { try await ConsoleBrowser(port: f.port).signIn(email, "parallel guess \(attempt)").status }
                }
                for try await status in group { #expect(status == 401 || status == 429) }
            }
            _ = try await Self.lockouts(f, "user:\(f.agent.user.id)")
            // Let any second entry, were there one, be written too before counting.
            try await Task.sleep(for: .seconds(1))
            let entries = try await f.store.auditEntries(subject: "user:\(f.agent.user.id)").filter { $0.action == "signin.locked" }
            #expect(entries.count == 1, "\(entries.map(\.detail))")
        }
    }

    @Test("addresses compare as addresses: an IPv4-mapped IPv6 peer is its IPv4 address, IPv6 is read in any spelling, ports and brackets are dropped")
    func canonicalAddresses() {
        #expect(ClientAddressMiddleware.canonical("::ffff:10.0.0.5") == "10.0.0.5")
        #expect(ClientAddressMiddleware.canonical("10.0.0.5:4431") == "10.0.0.5")
        #expect(ClientAddressMiddleware.canonical("[2001:DB8:0::1]:443") == "2001:db8::1")
        #expect(ClientAddressMiddleware.canonical("2001:0db8::0001") == "2001:db8::1")
        #expect(ClientAddressMiddleware.canonical("not-an-ip") == nil && ClientAddressMiddleware.canonical("1.2.3") == nil)
        let trusted = Set(["10.0.0.5"])
        #expect(ClientAddressMiddleware.client(peer: "::ffff:10.0.0.5", forwardedFor: ["203.0.113.7:51234"], trusted: trusted) == "203.0.113.7")
    }

    @Test("the client behind trusted proxies is the nearest forwarded address that is not one of them; a hop that is no IP address ends the walk")
    func forwardedChain() {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.20"], trusted: trusted) == "198.51.100.20")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.20, 10.0.0.2"], trusted: trusted) == "198.51.100.20")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: ["198.51.100.20", "10.0.0.2"], trusted: trusted) == "198.51.100.20", "several header lines")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: ["not-an-ip"], trusted: trusted) == "10.0.0.1")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: ["2001:db8::1"], trusted: trusted) == "2001:db8::1")
        #expect(ClientAddressMiddleware.client(peer: "10.0.0.1", forwardedFor: [], trusted: trusted) == "10.0.0.1")
        #expect(ClientAddressMiddleware.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.20"], trusted: trusted) == "203.0.113.9", "an untrusted peer is the client")
    }
}
