import AssistClient
import AssistCore
import AssistDesk
import AssistServer
import AssistStore
import Foundation
import Logging
import Testing

/// Users of every role, with tokens, seeded straight into a live server's database file.
struct AccountFixture {
    struct Person {
        let user: UserAccount
        let token: String
    }

    let admin: Person
    let agent: Person
    let accounting: Person
    /// A customer user of `customerA`.
    let customerUser: Person
    let customerA: Customer
    let customerB: Customer
    let store: AppDatabase
    let client: HTTPSClient
    let port: Int
    /// The live server's database file, for the offline commands (`assistd audit verify`).
    let databasePath: String

    /// Runs `body` against a live server (built from `settings`) seeded with the accounts.
    static func withLiveServer(
        _ settings: ServerSettings = LiveServer.settings(), logger: Logger = LiveServer.logger, clock: any WallClock = TestClock.shared,
        _ body: (AccountFixture) async throws -> Void
    ) async throws {
        try await LiveServer.with(settings, logger: logger, clock: clock) { port, _ in
            try await body(try await seed(databasePath: settings.databasePath, port: port))
        }
    }

    static func seed(databasePath: String, port: Int) async throws -> AccountFixture {
        let store = try AppDatabase.openFile(atPath: databasePath)
        let now = TestClock.now
        let customerA = try await store.createCustomer(name: "ООО Ромашка", inn: "7707083893", kpp: "773601001", at: now)
        let customerB = try await store.createCustomer(name: "ИП Иванов", inn: "500100732259", kpp: nil, at: now)
        func person(_ role: Role, _ name: String, customer: Int64? = nil) async throws -> Person {
            try await makePerson(role, name, customer: customer, store: store)
        }
        return AccountFixture(
            admin: try await person(.admin, "Admin"), agent: try await person(.agent, "Agent"),
            accounting: try await person(.accounting, "Accountant"),
            customerUser: try await person(.customer, "Client", customer: customerA.id),
            customerA: customerA, customerB: customerB, store: store,
            client: try HTTPSClient(server: "https://localhost:\(port)", trustRootsFile: Tools.development.caCertificate),
            port: port, databasePath: databasePath)
    }

    /// One more user with a token, e.g. a user of `customerB`.
    func person(_ role: Role, _ name: String, customer: Int64? = nil) async throws -> Person {
        try await Self.makePerson(role, name, customer: customer, store: store)
    }

    private static func makePerson(_ role: Role, _ name: String, customer: Int64?, store: AppDatabase) async throws -> Person {
        let now = TestClock.now
        let user = try await store.createUser(
            NewUser(displayName: name, email: "\(name.lowercased())@example.ru", role: role, customerId: customer, phone: nil), at: now)
        let issued = try TokenIssuer(secrets: OpenSSLSecrets()).issue()
        _ = try await store.addToken(
            userId: user.id, tokenHash: issued.hash, label: "test", createdAt: now, expiresAt: now.addingTimeInterval(3600))
        return Person(user: user, token: issued.secret)
    }

    /// Sends a request as `person` (nil: without a token) and returns the status and body.
    func call(_ person: Person?, _ method: String, _ path: String, _ json: String? = nil) async throws -> (status: Int, body: String) {
        var headers: [(String, String)] = []
        if let person { headers.append(("Authorization", "Bearer \(person.token)")) }
        if json != nil { headers.append(("Content-Type", "application/json")) }
        let response = try await client.send(
            method: .init(rawValue: method), path: path, headers: headers, body: json.map { Array($0.utf8) })
        for problem in DocumentedAnswers.problems(method: method, path: path, status: response.status, body: response.bodyText) {
            Issue.record("The answer does not match the OpenAPI document: \(problem)")
        }
        return (response.status, response.bodyText)
    }
}
