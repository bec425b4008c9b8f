import AssistServer
import AssistStore
import AssistTestSupport
import Foundation
import Testing

@Suite("The OpenAPI document")
struct OpenAPITests {
    func documentedOperations() throws -> Set<String> {
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test("every route of the production router is in the document, and every documented route exists")
    func matchesRouter() throws {
        let router = try AssistApplication.makeRouter(
            settings: ServerSettings(), database: .sqlite(try AppDatabase.inMemory()), credentialsKey: Array(repeating: 0, count: 32), clock: TestClock.shared,
            background: BackgroundQueue(logger: LiveServer.logger))
        // The console's pages are HTML for browsers, not the API: the document covers /v1 and /healthz.
        let api = router.routes.filter { $0.path.description.hasPrefix("/v1") || $0.path.description == "/healthz" }
        let routes = Set(api.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = try documentedOperations()
        #expect(routes.subtracting(documented).isEmpty, "missing from the document: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but not routed: \(documented.subtracting(routes).sorted())")
        #expect(routes.count > 30)
    }

    @Test("the repository's openapi.json is the document the server serves (regenerate: assistd openapi > openapi.json)")
    func committedFileIsCurrent() async throws {
        let committed = try Data(contentsOf: TestCertificates.repositoryRoot.appendingPathComponent("openapi.json"))
        #expect(String(decoding: committed, as: UTF8.self).trimmingCharacters(in: .newlines)
            == String(decoding: OpenAPIDocument.json, as: UTF8.self))
        try await LiveServer.with { port, _ in
            let served = await Tools.curl(port, "/v1/openapi.json")
            #expect(served.standardOutput == String(decoding: OpenAPIDocument.json, as: UTF8.self))
        }
    }

    @Test("live answers are held to their documented schemas: a drifting answer is caught, a faithful one passes")
    func answersAreValidated() throws {
        // What every AccountFixture.call applies to a 2xx answer.
        #expect(DocumentedAnswers.problems(method: "GET", path: "/v1/me", status: 200, body: #"{"id":"seven"}"#).count >= 2,
                "a string id and the missing required fields are both caught")
        #expect(!DocumentedAnswers.problems(method: "GET", path: "/v1/customers", status: 200, body: #"[{"id":1,"name":"A","createdAt":"x"}]"#).isEmpty,
                "a time that is not RFC 3339 is caught")
        #expect(!DocumentedAnswers.problems(method: "GET", path: "/v1/me", status: 200, body: #"{"id":1,"displayName":"A","role":"boss","onDuty":false,"disabled":false,"createdAt":"2026-11-25T10:00:00+03:00"}"#).isEmpty,
                "an unknown role is caught")
        #expect(!DocumentedAnswers.problems(method: "GET", path: "/v1/me", status: 200, body: #"{"id":1,"displayName":"A","role":"agent","onDuty":false,"disabled":false,"createdAt":"2026-11-25T10:00:00+03:00","extra":1}"#).isEmpty,
                "an undocumented field is caught")
        #expect(DocumentedAnswers.problems(method: "GET", path: "/v1/me", status: 200, body: #"{"id":1,"displayName":"A","role":"agent","onDuty":false,"disabled":false,"createdAt":"2026-11-25T10:00:00+03:00","email":null}"#).isEmpty,
                "a faithful answer passes")
        #expect(DocumentedAnswers.problems(method: "GET", path: "/v1/me", status: 404, body: "{}").isEmpty, "errors are problems, checked elsewhere")
    }

    @Test("request bodies and answers are described by their types: real schemas, not object-or-array")
    func realSchemas() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let ticket = try #require(schemas["Ticket"]?["properties"] as? [String: Any])
        #expect(Set(["tid", "slaLevel", "reactionDeadline", "nextReactionDue", "operationalConfirmedAt"]).isSubset(of: Set(ticket.keys)))
        #expect((ticket["slaLevel"] as? [String: Any])?["enum"] as? [String] == SLALevelNames.all)
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let create = try #require(paths["/v1/tickets"]?["post"]?["requestBody"] as? [String: Any])
        let body = try #require(((create["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(body["additionalProperties"] as? Bool == false)
        #expect(Set(body["required"] as? [String] ?? []) == ["subject", "description", "productVersion", "problemClass"])
        var untyped: [String] = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                let success = (operation["responses"] as? [String: Any])?.first { $0.key.hasPrefix("2") }?.value as? [String: Any]
                let schema = ((success?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                if let types = schema?["type"] as? [String], types == ["object", "array"] { untyped.append("\(method) \(path)") }
            }
        }
        #expect(untyped.sorted() == ["get /v1/exports/hours", "get /v1/openapi.json"], "only this document and the streamed export stay untyped")
    }
}

/// The SLA level names as the API spells them.
enum SLALevelNames {
    static let all = ["free-operational", "free-standard", "commercial-operational", "commercial-standard", "vip", "noncommercial", "consulting", "development"]
}
