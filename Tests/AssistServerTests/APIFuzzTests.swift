import AssistTestSupport
import Foundation
import Testing

/// The OpenAPI document drives generated requests (schemathesis, from PyPI) against a live
/// server, as each of the four roles at once.
@Suite("API fuzzing from the OpenAPI document")
struct APIFuzzTests {
    /// What schemathesis checks on every answer: never a 5xx; the status and media type are the
    /// documented ones (errors are problem+json, by the `default` response); the body matches
    /// its schema; invalid input is refused; a wrong method is 405 with a true `Allow`.
    static let checks = [
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
        "negative_data_rejection", "unsupported_method", "allow_header_conformance",
    ].joined(separator: ",")

    /// The schemathesis command pip installed beside the python3 on PATH (Scripts/test installs it).
    static func schemathesis() async throws -> String {
        let scripts = await ExternalProcess.run("python3", ["-c", "import sysconfig; print(sysconfig.get_path('scripts'))"])
        let path = scripts.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) + "/schemathesis"
        try #require(FileManager.default.isExecutableFile(atPath: path), "schemathesis is not installed: run Scripts/test, which installs it")
        return path
    }

    @Test("generated requests as admin, agent, accounting and customer: no 5xx, documented answers, problem+json errors; the audit log verifies after")
    func fuzz() async throws {
        let executable = try await Self.schemathesis()
        // Generated requests include invalid credentials on purpose; the slow-down for repeated
        // ones (tested on its own) would only make the run crawl.
        try await AccountFixture.withLiveServer(LiveServer.settings { $0.freeAuthFailuresPerMinute = 1_000_000 }) { f in
            // Something for the generated ids to find: a ticket of customer A.
            _ = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"Не работает","description":"Ошибка","productVersion":"5.2","problemClass":"standard"}"#)
            let results = await withTaskGroup(of: (String, ExternalProcess.Result).self) { group in
                for (role, person) in [("admin", f.admin), ("agent", f.agent), ("accounting", f.accounting), ("customer", f.customerUser)] {
                    group.addTask {
                        let result = await ExternalProcess.run(executable, [
                            "run", "https://localhost:\(f.port)/v1/openapi.json", "--tls-verify", Tools.development.caCertificate,
                            "-H", "Authorization: Bearer \(person.token)", "--checks", Self.checks, "--max-examples", "8",
                            "--phases", "examples,coverage,fuzzing", "--generation-database", "none", "--no-color",
                            "--request-timeout", "20",
                        ], timeoutSeconds: 400)
                        return (role, result)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for (role, result) in results {
                let summary = result.standardOutput.split(separator: "\n").suffix(40).joined(separator: "\n")
                #expect(!result.timedOut, "\(role): schemathesis did not finish")
                #expect(result.exitCode == 0, "\(role):\n\(summary)\n\(result.standardError.suffix(2000))")
                #expect(result.standardOutput.contains(" passed"), "\(role): no test cases ran\n\(summary)")
            }
            let audit = await ExternalProcess.run(
                Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", f.databasePath])
            #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
        }
    }
}
