import Foundation
import Testing

@Suite("Bad account input: a problem with a stable code, and nothing stored")
struct AccountInputTests {
    @Test("each bad body gets its code", arguments: [
        ("/v1/customers", "{", 400, "invalid_json"),
        ("/v1/customers", "[1,2]", 400, "invalid_json"),
        ("/v1/customers", #"{"name":"A","colour":"red"}"#, 400, "unknown_field"),
        ("/v1/customers", #"{"inn":"7707083893"}"#, 400, "invalid_field"),
        ("/v1/customers", #"{"name":42}"#, 400, "invalid_field"),
        ("/v1/customers", #"{"name":"   "}"#, 400, "invalid_field"),
        ("/v1/customers", #"{"name":"A","inn":"7707083894"}"#, 400, "invalid_inn"),
        ("/v1/customers", #"{"name":"A","kpp":"12"}"#, 400, "invalid_kpp"),
        ("/v1/users", #"{"displayName":"A","role":"agent","email":"not-an-address"}"#, 400, "invalid_email"),
        ("/v1/users", #"{"displayName":"A","role":"agent","phone":"call me"}"#, 400, "invalid_phone"),
        ("/v1/users", #"{"displayName":"A","role":"wizard"}"#, 400, "invalid_field"),
        ("/v1/users", #"{"displayName":"A","role":"customer"}"#, 400, "invalid_field"),
        ("/v1/users", #"{"displayName":"A","role":"agent","customerId":1}"#, 400, "invalid_field"),
        ("/v1/users", #"{"displayName":"A","role":"customer","customerId":999}"#, 422, "customer_not_found"),
        ("/v1/users", #"{"displayName":"A","role":"agent","email":"AGENT@example.ru"}"#, 409, "email_taken"),
        ("/v1/users/2/tokens", #"{"expiresInDays":0}"#, 400, "invalid_field"),
        ("/v1/users/999/tokens", #"{}"#, 404, "not_found"),
    ] as [(String, String, Int, String)])
    func badBodies(path: String, body: String, status: Int, code: String) async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let before = try await (f.store.users().count, f.store.customers().count)

            let answer = try await f.call(f.admin, "POST", path, body)

            #expect(answer.status == status, "\(answer.body)")
            #expect(answer.body.contains(#""code":"\#(code)""#), "\(answer.body)")
            let after = try await (f.store.users().count, f.store.customers().count)
            #expect(before == after, "nothing was stored")
        }
    }
}
