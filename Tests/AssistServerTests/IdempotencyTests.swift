import AssistClient
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("Idempotency-Key on state-changing requests")
struct IdempotencyTests {
    static let ticket = #"{"subject":"S","description":"D","productVersion":"1","problemClass":"standard"}"#

    func send(_ f: AccountFixture, _ person: AccountFixture.Person, _ method: String, _ path: String, _ json: String, key: String) async throws -> HTTPSResponse {
        try await f.client.send(
            method: .init(rawValue: method), path: path,
            headers: [("Authorization", "Bearer \(person.token)"), ("Content-Type", "application/json"), ("Idempotency-Key", key)],
            body: Array(json.utf8))
    }

    @Test("a retried request gets the first answer and acts once")
    func replay() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let first = try await send(f, f.customerUser, "POST", "/v1/tickets", Self.ticket, key: "retry-1")
            let second = try await send(f, f.customerUser, "POST", "/v1/tickets", Self.ticket, key: "retry-1")
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(second.body == first.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(try await f.store.tickets(customerId: nil, state: nil).count == 1)
            #expect(try await f.store.notifications().count == 1)

            let other = try await send(f, f.customerUser, "POST", "/v1/tickets", Self.ticket.replacingOccurrences(of: "\"S\"", with: "\"T\""), key: "retry-1")
            #expect(other.status == 422)
            #expect(other.bodyText.contains("idempotency_key_reused"))
            let otherUser = try await send(f, f.agent, "POST", "/v1/tickets/\(try await f.store.tickets(customerId: nil, state: nil)[0].tid)/messages", #"{"body":"x"}"#, key: "retry-1")
            #expect(otherUser.status == 201, "keys belong to their user")
        }
    }

    @Test("a failed request keeps no answer: corrected, the same key works")
    func failureIsNotKept() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let bad = try await send(f, f.customerUser, "POST", "/v1/tickets", #"{"subject":"S"}"#, key: "fix-me")
            #expect(bad.status == 400)
            let again = try await send(f, f.customerUser, "POST", "/v1/tickets", #"{"subject":"S"}"#, key: "fix-me")
            #expect(again.status == 400)
            #expect(again.header("Idempotent-Replayed") == nil)
        }
    }

    @Test("ten concurrent copies of one request make one ticket")
    func concurrentCopies() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await send(f, f.customerUser, "POST", "/v1/tickets", Self.ticket, key: "burst").status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            #expect(try await f.store.tickets(customerId: nil, state: nil).count == 1)
        }
    }

    @Test("a new token is never stored for replay: the secret stays out of the database")
    func tokensAreNotStored() async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let first = try await send(f, f.admin, "POST", "/v1/users/\(f.agent.user.id)/tokens", #"{"label":"x"}"#, key: "token-1")
            let second = try await send(f, f.admin, "POST", "/v1/users/\(f.agent.user.id)/tokens", #"{"label":"x"}"#, key: "token-1")
            #expect(first.status == 201 && second.status == 201)
            #expect(first.body != second.body, "a retry issues another token rather than showing a stored secret")
            let stored = try await f.store.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotentRequest WHERE CAST(body AS TEXT) LIKE '%abt_%'")
            }
            #expect(stored == 0)
        }
    }

    @Test("a malformed key is refused", arguments: ["", "has space", String(repeating: "k", count: 256)])
    func malformedKey(key: String) async throws {
        try await AccountFixture.withLiveServer { (f: AccountFixture) async throws in
            let answer = try await send(f, f.customerUser, "POST", "/v1/tickets", Self.ticket, key: key)
            #expect(answer.status == 400)
            #expect(answer.bodyText.contains("invalid_idempotency_key"))
            #expect(try await f.store.tickets(customerId: nil, state: nil).isEmpty)
        }
    }
}
