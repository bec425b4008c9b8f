import Foundation
import Testing

@Suite("Errors are problem+json")
struct ProblemTests {
    struct ProblemBody: Decodable, Equatable {
        let type: String
        let title: String
        let status: Int
        let code: String
        let detail: String
    }

    @Test("an unknown path answers 404 with code not_found and a sentence saying what to do")
    func unknownPath() async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, "/v1/nowhere", ["-w", "\n%{http_code} %{content_type}"])
            let lines = result.standardOutput.split(separator: "\n")
            #expect(lines.last == "404 application/problem+json", "\(result.standardError)")
            let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(lines[0].utf8))
            #expect(problem.code == "not_found")
            #expect(problem.status == 404)
            #expect(problem.type == "urn:assistbroker:problem:not_found")
            #expect(problem.detail.hasSuffix("."))
        }
    }

    @Test("a request saying Connection: close gets Connection: close back, errors included")
    func connectionCloseIsAnswered() async throws {
        try await LiveServer.with { port, _ in
            for path in ["/healthz", "/v1/nowhere"] {
                let result = await Tools.curl(port, path, ["-H", "Connection: close", "-D", "-", "-o", "/dev/null"])
                #expect(result.standardOutput.lowercased().contains("connection: close"), "\(path)")
            }
            let keepAlive = await Tools.curl(port, "/healthz", ["-D", "-", "-o", "/dev/null"])
            #expect(!keepAlive.standardOutput.lowercased().contains("connection: close"))
        }
    }

    @Test("a wrong method answers with a problem, never a bare error page")
    func wrongMethod() async throws {
        try await LiveServer.with { port, _ in
            let result = await Tools.curl(port, "/healthz", ["-X", "DELETE", "-w", "\n%{content_type}"])
            #expect(result.standardOutput.hasSuffix("application/problem+json"))
            #expect(result.standardOutput.contains(#""code":"#))
        }
    }
}
