import AssistServer
import AssistTestSupport
import Foundation
import Hummingbird
import Testing

@Suite("Request and response bodies")
struct BodyTests {
    /// A route added for these tests only: answers with the body it received.
    static func addEcho(_ router: Router<AssistRequestContext>, limit: Int) {
        router.post("/test/echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: limit)
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: body))
        }
    }

    @Test("a 1 MiB request body and a 1 MiB response body arrive intact")
    func oneMebibyteBothWays() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sent = directory.appendingPathComponent("sent.bin")
        let received = directory.appendingPathComponent("received.bin")
        let payload = Data((0..<(1 << 20)).map { _ in UInt8.random(in: 0...255) })
        try payload.write(to: sent)
        let settings = LiveServer.settings()

        try await LiveServer.with(settings, configureRouter: { Self.addEcho($0, limit: settings.maxBodyBytes) }) { port, _ in
            let result = await Tools.curl(
                port, "/test/echo",
                ["-X", "POST", "-H", "Content-Type: application/octet-stream", "--data-binary", "@\(sent.path)", "-o", received.path])
            #expect(result.exitCode == 0, "\(result.standardError)")
            let echoed = try Data(contentsOf: received)
            #expect(echoed == payload)
        }
    }

    @Test("a body over the configured limit gets 413 problem+json body_too_large")
    func bodyOverLimit() async throws {
        let settings = LiveServer.settings { $0.maxBodyBytes = 64 * 1024 }
        try await LiveServer.with(settings, configureRouter: { Self.addEcho($0, limit: settings.maxBodyBytes) }) { port, _ in
            let big = String(repeating: "x", count: 100 * 1024)
            let result = await Tools.curl(
                port, "/test/echo", ["-X", "POST", "--data-binary", big, "-w", "\n%{http_code} %{content_type}"])
            #expect(result.standardOutput.hasSuffix("413 application/problem+json"))
            #expect(result.standardOutput.contains(#""code":"body_too_large""#))

            #expect(await Tools.curl(port, "/healthz").exitCode == 0)
        }
    }
}
