import AssistClient
import AssistTestSupport
import Foundation
import Testing

@Suite("Misbehaving clients do not hurt others")
struct RobustnessTests {
    @Test("plain HTTP sent to the TLS port is closed, and the server keeps serving")
    func plainHTTPIsClosed() async throws {
        try await LiveServer.with { port, _ in
            let plain = try await RawTCP.connect(port: port)
            try await plain.send(Array("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
            let answer = await plain.bytesUntilClosed(seconds: 10)
            #expect(answer != nil, "the server should close the connection")
            #expect(answer.map { String(buffer: $0).contains("HTTP/1.1") } != true, "no plaintext HTTP answer")

            #expect(await Tools.curl(port, "/healthz").exitCode == 0)
        }
    }

    @Test("a stalled handshake, a garbage sender and a client gone mid-request leave other clients unaffected")
    func badClientsDoNotBlockOthers() async throws {
        try await LiveServer.with { port, _ in
            // Stops after the first bytes of a ClientHello and never sends the rest.
            let stalled = try await RawTCP.connect(port: port)
            try await stalled.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc])
            // Random bytes instead of TLS.
            let garbage = try await RawTCP.connect(port: port)
            try await garbage.send((0..<4096).map { _ in UInt8.random(in: 0...255) })
            // Completes the handshake, sends half a request with a body promised, and leaves.
            let halfRequest = await Tools.sClient(
                port, ["-brief", "-servername", "localhost"],
                input: "POST /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nonly a little")
            #expect(!halfRequest.timedOut)

            for _ in 0..<3 {
                let result = await Tools.curl(port, "/healthz")
                #expect(result.exitCode == 0, "\(result.standardError)")
                #expect(result.standardOutput.contains(#""status":"ok""#))
            }
            #expect(await garbage.bytesUntilClosed(seconds: 10) != nil, "garbage gets the connection closed")
            await stalled.close()
        }
    }

    @Test("200 concurrent connections are all answered")
    func twoHundredConcurrentConnections() async throws {
        try await LiveServer.with { port, _ in
            let client = try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await client.send(path: "/healthz").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }
}
