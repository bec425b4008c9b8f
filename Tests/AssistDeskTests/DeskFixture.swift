import AssistCore
import AssistDesk
import AssistServer
import AssistTestSupport
import Foundation
import GRDB
import LibPQ

@testable import AssistStore
@testable import AssistStorePostgres

/// A desk over a fresh database, wired as the server wires it, on a clock the test moves: every
/// use case runs as in production, without TLS and in milliseconds. People and customers are
/// made through the desk itself, as an admin would.
///
/// The engine is the run's (`DeskEngine.current`): `Scripts/test` runs this suite twice, on a
/// temporary SQLite file and on a new database in the run's throwaway PostgreSQL.
struct DeskFixture {
    let desk: Desk
    let database: DeskDatabase
    /// The stores the desk works on.
    let stores: DeskStores
    let clock: ManualClock
    let background: QueuedWork
    let admin: UserAccount
    let agent: UserAccount
    /// A customer on free support, and one of its users.
    let customer: Customer
    let customerUser: UserAccount

    /// Monday 2 March 2026, 11:00 Moscow time: a working day, inside hours.
    static let monday = RFC3339.parse("2026-03-02T11:00:00+03:00")!

    static func make(
        at start: Date = monday, engine: DeskEngine = .current, _ change: (inout ServerSettings) -> Void = { _ in }
    ) async throws -> DeskFixture {
        let database: DeskDatabase
        switch engine {
        case .sqlite:
            database = .sqlite(try AppDatabase.openFile(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("desk-\(UUID().uuidString).sqlite").path))
        case .postgres:
            database = .postgres(try await PostgresDatabase.open(uri: try await TestPostgres.database(), connections: 4))
        }
        let stores = database.stores(credentialsKey: nil)
        let clock = ManualClock(at: start)
        let background = QueuedWork()
        var settings = ServerSettings()
        change(&settings)
        let desk = AssistApplication.makeDesk(
            settings: settings, database: database, credentialsKey: TestKeys.credentialsKey, clock: clock, background: background)
        // The first admin, as `assistd admin bootstrap` makes them; everyone else through the desk.
        let admin = try await stores.accounts.createUser(
            NewUser(displayName: "Admin", email: "admin@desk.test", role: .admin, customerId: nil, phone: nil), at: start,
            audit: { AccessAudit.userCreated($0, by: nil) })
        let agent = try await desk.accounts.createUser(admin, .init(displayName: "Agent", email: "agent@desk.test", role: "agent"))
        let customer = try await desk.accounts.createCustomer(admin, .init(name: "ООО Ромашка", inn: "7707083893"))
        let customerUser = try await desk.accounts.createUser(
            admin, .init(displayName: "Client", email: "client@romashka.test", role: "customer", customerId: customer.id))
        return DeskFixture(
            desk: desk, database: database, stores: stores, clock: clock, background: background, admin: admin, agent: agent, customer: customer,
            customerUser: customerUser)
    }

    /// A session's sealed credentials as stored (nil once wiped), read as a thief with the database would.
    func storedCredentials(sessionId: Int64) async throws -> [UInt8]? {
        switch database {
        case .sqlite(let database):
            try await database.writer.read { db in
                try Data.fetchOne(db, sql: "SELECT credentials FROM remoteSession WHERE id = ?", arguments: [sessionId]).map { [UInt8]($0) }
            }
        case .postgres(let database):
            try await database.pool.withConnection { connection in
                try connection.query("SELECT credentials FROM remoteSession WHERE id = $1::bigint", [PostgresParameter(sessionId)]).bytes(0, "credentials")
            }
        }
    }

    /// The SQLite database, for what only that engine has (its file, its pragmas); nil on PostgreSQL.
    var sqlite: AppDatabase? {
        if case .sqlite(let database) = database { database } else { nil }
    }

    /// A ticket filed by staff for `sender` of the fixture's customer (or `customerId`).
    func file(
        _ problemClass: String = "standard", sender: String = "boss@romashka.test", customerId: Int64? = nil, subject: String = "Не запускается"
    ) async throws -> Ticket {
        try await desk.tickets.create(
            agent,
            .init(subject: subject, description: "Ошибка 500 после обновления", productVersion: "5.2", problemClass: problemClass,
                  senderEmail: sender, customerId: customerId ?? customer.id),
            via: .api
        ).ticket
    }

    /// Gives the customer a contract of `tier` from today, and `sender` as a licence address.
    func contract(_ tier: String, licence sender: String = "boss@romashka.test") async throws {
        _ = try await desk.contracts.createContract(admin, customerId: customer.id, .init(tier: tier))
        _ = try await desk.contracts.addLicenceEmail(admin, customerId: customer.id, .init(email: sender))
    }
}
