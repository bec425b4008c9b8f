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
        let router = AssistApplication.makeRouter(
            settings: ServerSettings(), database: try AppDatabase.inMemory(), credentialsKey: Array(repeating: 0, count: 32))
        let routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
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
}
