import AssistClient
import AssistServer
import AssistTestSupport
import Foundation
import Testing

/// HTTP-level refusals and the bounds on how long one request may take, over real TLS with
/// a client that sends exactly what it is told (`RawTLS`).
@Suite("HTTP refusals and request deadlines")
struct HTTPLimitsTests {
    /// Settings with 5 s deadlines, each call with its own database file (tests run in parallel).
    ///
    /// Real deadlines on real sockets, so the clients' pace is set far on either side of them:
    /// a trickle that would take half a minute, a paced body that keeps ahead of its allowance by
    /// more each second. The assertions are about order — cut off before the client was done,
    /// served although it took longer than the base deadline — never about a tight window, so a
    /// busy machine (a compile beside the suite) changes the timings, not the verdicts.
    static func shortDeadlines() -> ServerSettings {
        LiveServer.settings {
            $0.requestHeadTimeoutSeconds = 5
            $0.requestBodyTimeoutSeconds = 5
            $0.minimumBodyBytesPerSecond = 1024
        }
    }

    @Test("a request without Host is 400 missing_host, as problem+json")
    func missingHost() async throws {
        try await LiveServer.with { port, _ in
            let exchange = await RawTLS.exchange(port: port, [(0, "GET /healthz HTTP/1.1\r\n\r\n")])
            #expect(exchange.response.hasPrefix("HTTP/1.1 400"), "\(exchange.response)")
            #expect(exchange.response.contains(#""code":"missing_host""#))
            #expect(exchange.response.lowercased().contains("content-type: application/problem+json"))
            #expect(exchange.closedAfter != nil, "the connection is closed after the refusal")
        }
    }

    @Test("oversized headers are 431 headers_too_large, not a bare 400")
    func oversizedHeaders() async throws {
        try await LiveServer.with { port, _ in
            let huge = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n"
            let exchange = await RawTLS.exchange(port: port, [(0, huge)])
            #expect(exchange.response.hasPrefix("HTTP/1.1 431"), "\(exchange.response.prefix(200))")
            #expect(exchange.response.contains(#""code":"headers_too_large""#))
            #expect(exchange.response.lowercased().contains("strict-transport-security: max-age=31536000"))
            #expect(await Tools.curl(port, "/healthz").exitCode == 0, "the server keeps serving")
        }
    }

    @Test("garbage instead of a request line is 400 bad_request as problem+json")
    func garbageRequest() async throws {
        try await LiveServer.with { port, _ in
            let exchange = await RawTLS.exchange(port: port, [(0, "\u{1}\u{2} nonsense\r\n\r\n")])
            #expect(exchange.response.hasPrefix("HTTP/1.1 400"), "\(exchange.response)")
            #expect(exchange.response.contains(#""code":"bad_request""#))
        }
    }

    @Test("Expect: 100-continue gets 100 Continue before the body is sent; an oversized one 413 at once; others 417")
    func expectations() async throws {
        try await LiveServer.with { port, _ in
            // The body follows only after a second: the interim answer must already be there.
            let continued = await RawTLS.exchange(port: port, [
                (0, "POST /v1/tickets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"),
                (1, "{}"),
            ])
            #expect(continued.response.hasPrefix("HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 401"), "\(continued.response)")

            let tooLarge = await RawTLS.exchange(port: port, [
                (0, "POST /v1/tickets HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999\r\nExpect: 100-continue\r\n\r\n"),
            ])
            #expect(tooLarge.response.hasPrefix("HTTP/1.1 413"), "\(tooLarge.response)")
            #expect(tooLarge.response.contains(#""code":"body_too_large""#))

            let unknown = await RawTLS.exchange(port: port, [(0, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\n\r\n")])
            #expect(unknown.response.hasPrefix("HTTP/1.1 417"), "\(unknown.response)")
            #expect(unknown.response.contains(#""code":"expectation_failed""#))
        }
    }

    @Test("a head trickled a byte at a time is cut off at the head deadline with 408, whatever the idle timeout")
    func trickledHead() async throws {
        try await LiveServer.with(Self.shortDeadlines()) { port, _ in
            // One byte every 0.4 s restarts the 60 s idle timer every time; the head would take 40 s.
            var chunks: [(delay: Double, text: String)] = [(0, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n")]
            chunks += (0..<100).map { _ in (0.4, "X") }
            let exchange = await RawTLS.exchange(port: port, chunks, waitSeconds: 5)
            let closed = try #require(exchange.closedAfter, "the connection must be closed")
            #expect(closed >= 4.5 && closed < 40, "closed after \(closed) s: by the 5 s head deadline, before the client was done")
            #expect(exchange.response.hasPrefix("HTTP/1.1 408"), "\(exchange.response)")
            #expect(exchange.response.contains(#""code":"request_timeout""#))
        }
    }

    @Test("a body trickled below the minimum rate is cut off; a body that keeps the pace is served")
    func trickledBody() async throws {
        try await LiveServer.with(Self.shortDeadlines()) { port, _ in
            let head = "POST /v1/inbound HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            let trickled = await RawTLS.exchange(port: port, [(0, head)] + (0..<100).map { _ in (0.4, "x") }, waitSeconds: 5)
            let closed = try #require(trickled.closedAfter, "the connection must be closed")
            #expect(closed < 40, "closed after \(closed) s: by the body deadline (5 s plus 1 s per KiB received), before the client was done")

            // 2 KiB a second for 8 seconds: past the 5 s base, but twice the 1 KiB/s minimum, so
            // its allowance (5 s + 1 s per KiB) keeps growing ahead of it: it is served.
            let chunk = String(repeating: " ", count: 1024)
            var paced: [(delay: Double, text: String)] = [
                (0, "POST /v1/sla/deadline HTTP/1.1\r\nHost: localhost\r\nContent-Length: \(16 * 1024)\r\nConnection: close\r\n\r\n"),
            ]
            paced += (0..<16).map { _ in (0.5, chunk) }
            let served = await RawTLS.exchange(port: port, paced, waitSeconds: 10)
            #expect(served.response.hasPrefix("HTTP/1.1 405"), "a complete answer, not a cut-off: \(served.response.prefix(120))")
        }
    }

    @Test("beyond http.maxConnections new connections wait, and are served once the server has closed a stalled one")
    func connectionCap() async throws {
        let settings = LiveServer.settings {
            $0.maxConnections = 3
            $0.requestHeadTimeoutSeconds = 4
        }
        try await LiveServer.with(settings) { port, _ in
            // Three clients take every slot, each starting a ClientHello and stalling. The server's
            // head deadline for each starts no earlier than its connect began here.
            let opened = ContinuousClock.now
            var stalled: [RawTCP] = []
            for _ in 0..<3 {
                let connection = try await RawTCP.connect(port: port)
                try await connection.send([0x16, 0x03, 0x01])
                stalled.append(connection)
            }
            let client = try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate)
            let status = try await client.send(path: "/healthz").status
            let waited = ContinuousClock.now - opened
            #expect(status == 200, "the waiting client, once a slot freed, was answered \(status)")
            // A slot frees only when the server closes a stalled connection, which its deadline
            // (4 s, never early) does no sooner than 4 s after the first connect began: a client
            // answered sooner was let past the cap. Only a lower bound is asserted, so a busy
            // machine that serves it later cannot make this fail.
            #expect(waited >= .milliseconds(3_900), "a fourth connection was served \(waited) after the slots were taken, before any could free")
            for connection in stalled {
                #expect(await connection.bytesUntilClosed(seconds: 30) != nil, "the server closed the stalled connection (its head deadline)")
            }
        }
    }
}

@Suite("Failed authentication and aborted uploads leave the right trace")
struct AuthenticationTraceTests {
    @Test("repeated invalid tokens from one address are logged once per window and slowed down; the token is never logged")
    func invalidTokens() async throws {
        let lines = RecordingLogHandler.Lines()
        try await AccountFixture.withLiveServer(logger: RecordingLogHandler.logger(into: lines)) { f in
            let forged = "ab_" + String(repeating: "x", count: 40)
            var durations: [Duration] = []
            for _ in 0..<8 {
                let started = ContinuousClock.now
                let answer = try await f.client.send(path: "/v1/me", headers: [("Authorization", "Bearer \(forged)")])
                durations.append(ContinuousClock.now - started)
                #expect(answer.status == 401)
            }
            // Five free failures, then 0.5 s, 1 s, 1.5 s more.
            #expect(durations.suffix(3).reduce(.zero, +) >= .seconds(3), "\(durations)")
            let warnings = lines.all.filter { $0.message.contains("Repeated invalid tokens") }
            #expect(warnings.count == 1, "one line per window, not one per request: \(warnings.map(\.message))")
            #expect(warnings.first?.metadata.contains("127.0.0.1") == true)
            #expect(!lines.all.contains { $0.message.contains(forged) || $0.metadata.contains(forged) })
            // A valid token from the same address still works.
            #expect(try await f.call(f.agent, "GET", "/v1/me").status == 200)
        }
    }

    @Test("an upload the client aborts is logged at debug, not as an error")
    func abortedUpload() async throws {
        let lines = RecordingLogHandler.Lines()
        try await AccountFixture.withLiveServer(logger: RecordingLogHandler.logger(into: lines)) { f in
            for _ in 0..<3 {
                let head = "POST /v1/tickets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(f.agent.token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"subject\":"
                _ = await RawTLS.exchange(port: f.port, [(0, head)], waitSeconds: 0.3)
            }
            try await Task.sleep(for: .milliseconds(500))
            let errors = lines.all.filter { $0.level >= .error }
            #expect(errors.isEmpty, "\(errors.map { "\($0.message) \($0.metadata)" })")
            #expect(lines.all.contains { $0.level == .debug && $0.message.contains("connection failed during the request") })
        }
    }
}

@Suite("Wrong PINs over the API")
struct PINLockoutRouteTests {
    @Test("R-1.4 after five wrong PINs the session's PIN is locked (423), audited; the agent issues a new one that works")
    func lockout() async throws {
        try await AccountFixture.withLiveServer { f in
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Помогите","description":"Подключитесь","productVersion":"5.2","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            let opened = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/sessions", #"{"tool":"teamviewer","customerRemoteId":"123456789"}"#)
            let view = try JSONSerialization.jsonObject(with: Data(opened.body.utf8)) as? [String: Any]
            let id = try #require((view?["session"] as? [String: Any])?["id"] as? Int)
            let pin = try #require((view?["credentials"] as? [String: Any])?["pin"] as? String)
            let wrong = pin == "000000" ? "111111" : "000000"
            for _ in 0..<4 {
                let answer = try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(wrong)"}"#)
                #expect(answer.status == 403 && answer.body.contains("pin_mismatch"), "\(answer.body)")
            }
            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(wrong)"}"#).status == 423)
            let locked = try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(pin)"}"#)
            #expect(locked.status == 423 && locked.body.contains(#""code":"pin_locked""#), "the right PIN no longer works: \(locked.body)")
            #expect(try await f.call(f.agent, "GET", "/v1/sessions/\(id)").body.contains(#""pinLocked":true"#))

            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/pin").status == 403, "only the opening agent")
            let reissued = try await f.call(f.agent, "POST", "/v1/sessions/\(id)/pin")
            #expect(reissued.status == 200, "\(reissued.body)")
            let newPIN = try #require(((try JSONSerialization.jsonObject(with: Data(reissued.body.utf8)) as? [String: Any])?["credentials"] as? [String: Any])?["pin"] as? String)
            #expect(try await f.call(f.customerUser, "POST", "/v1/sessions/\(id)/join", #"{"pin":"\#(newPIN)"}"#).status == 200)

            let audit = try await f.call(f.admin, "GET", "/v1/audit?subject=ticket:\(tid)")
            #expect(audit.body.components(separatedBy: "session.pin.failed").count - 1 == 5)
            #expect(audit.body.contains("session.pin.locked") && audit.body.contains("session.pin.reissued"))
            let details = ((try JSONSerialization.jsonObject(with: Data(audit.body.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["detail"] as? String }
            #expect(details.count >= 8)
            #expect(!details.contains { $0.contains(wrong) || $0.contains(newPIN) || $0.contains(pin) }, "no PIN in the audit log")
        }
    }
}
