import AssistTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("TLS protocol versions, with curl and openssl as clients")
struct ProtocolTests {
    @Test("GET /healthz over TLS 1.3 answers status, version and the negotiated protocol")
    func healthOverTLS13() async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, "/healthz", ["--tlsv1.3"])
            #expect(result.exitCode == 0, "\(result.standardError)")
            let health = try JSONDecoder().decode([String: String].self, from: Data(result.standardOutput.utf8))
            #expect(health == ["status": "ok", "version": "0.1.0", "tls": "TLSv1.3", "mail": "not-configured"])
        }
    }

    @Test("TLS 1.2 still works, with a forward-secret AEAD suite")
    func healthOverTLS12() async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, "/v1/connection", ["--tlsv1.2", "--tls-max", "1.2"])
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains(#""tlsProtocol":"TLSv1.2""#))
            #expect(result.standardOutput.contains(#""cipherSuite":"ECDHE-"#))
            #expect(result.standardOutput.contains("GCM") || result.standardOutput.contains("CHACHA20"))
        }
    }

    /// Debian's OpenSSL client refuses TLS 1.0/1.1 by itself at security level 1, so the
    /// probe lowers it (`@SECLEVEL=0`); `probeCanSucceed` below shows the same probe
    /// connecting to a server that does accept the old protocol.
    static let oldProtocols = [("-tls1", "TLSv1"), ("-tls1_1", "TLSv1.1")]

    @Test("TLS 1.0 and 1.1 are refused", arguments: oldProtocols)
    func oldProtocolsRefused(flag: String, name: String) async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.sClient(port, [flag, "-cipher", "DEFAULT:@SECLEVEL=0"])
            #expect(result.exitCode != 0)
            // s_client names the protocol it tried even when refused; no cipher means no session.
            #expect(result.standardOutput.contains("Cipher is (NONE)"))
            #expect(result.standardError.contains("protocol version"))
        }
    }

    @Test("the old-protocol probe does connect to a server that accepts TLS 1.0/1.1 (the test above can fail)",
          arguments: oldProtocols)
    func probeCanSucceed(flag: String, name: String) async throws {
        let port = Tools.freePort()
        let development = TestCertificates.development
        // s_server waits on stdin: it gets a pipe that stays open until the test ends.
        let stdin = try ChildProcess.pipe()
        let server = try ChildProcess.spawn(
            "openssl", ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", development.serverChain,
                        "-key", development.serverKey, flag, "-cipher", "DEFAULT:@SECLEVEL=0", "-naccept", "1", "-quiet"],
            standardInput: stdin.read)
        close(stdin.read)
        defer {
            server.send(SIGTERM)
            close(stdin.write)
        }

        var connected = false
        for _ in 0..<50 where !connected {
            let result = await Tools.sClient(port, [flag, "-cipher", "DEFAULT:@SECLEVEL=0"])
            connected = result.exitCode == 0 && result.standardOutput.contains("Protocol  : \(name)")
                && !result.standardOutput.contains("Cipher is (NONE)")
            if !connected { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(connected)
    }
}
