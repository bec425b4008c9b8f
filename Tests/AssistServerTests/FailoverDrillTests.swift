import AssistClient
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The failover drill the README describes, on loopback: a primary and its synchronous standby,
/// a node that reaches them through a multi-host URI, the primary lost mid-work and the standby
/// promoted. No invoice the node acknowledged may be lost, and the series stays gapless.
@Suite("Failover to a synchronous standby")
struct FailoverDrillTests {
    static let scripts = TestCertificates.repositoryRoot.appendingPathComponent("Scripts/postgres")

    @Test("the primary crashes while invoices are issued and the standby is promoted: the node answers 503 meanwhile, then goes on through the multi-host URI; every acknowledged invoice is there and the numbers have no gap")
    func noAcknowledgedInvoiceLost() async throws {
        let primary = FileManager.default.temporaryDirectory.appendingPathComponent("assist-postgres-\(UUID().uuidString.prefix(8))").path
        let standby = FileManager.default.temporaryDirectory.appendingPathComponent("assist-postgres-\(UUID().uuidString.prefix(8))").path
        do {
            try await drill(primary: primary, standby: standby)
        } catch {
            await Self.remove(primary, standby)
            throw error
        }
        await Self.remove(primary, standby)
    }

    static func remove(_ clusters: String...) async {
        for dir in clusters { _ = await ExternalProcess.run(scripts.appendingPathComponent("down.sh").path, [dir], timeoutSeconds: 60) }
    }

    func drill(primary: String, standby: String) async throws {
        let primaryPort = Tools.freePort(), standbyPort = Tools.freePort()
        let up = await ExternalProcess.run(Self.scripts.appendingPathComponent("up.sh").path, [primary, String(primaryPort)], timeoutSeconds: 120)
        try #require(up.exitCode == 0, "\(up.standardError)")
        let server = up.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        try await TestPostgres.blocking { try PostgresConnection(uri: server).execute("CREATE DATABASE assist") }
        let made = await ExternalProcess.run(
            Self.scripts.appendingPathComponent("standby.sh").path, [primary, standby, String(standbyPort)], timeoutSeconds: 120)
        try #require(made.exitCode == 0, "\(made.standardError)")
        let password = try String(contentsOfFile: primary + "/password", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let uri = "postgresql://assist:\(password)@localhost:\(primaryPort),localhost:\(standbyPort)/assist?target_session_attrs=read-write"
            + "&connect_timeout=3&sslmode=verify-full&sslrootcert=\(Tools.development.caCertificate)"

        let node = try await StartedServer.start(database: uri, environment: TwoNodeTests.seller)
        defer { node.killIfRunning() }
        var customers: [Int] = []
        var today = ""
        for index in 0..<16 {
            let customer = try TwoNodeTests.object(try await node.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Клиент \#(index)"}"#))
            let id = try #require(customer["id"] as? Int)
            let contract = try TwoNodeTests.object(try await node.admin.request(.POST, "/v1/customers/\(id)/contracts", json: #"{"tier":"commercial"}"#))
            today = try #require(contract["startsOn"] as? String)
            customers.append(id)
        }

        var acknowledged: [String] = [], refusals: [String] = []
        var promotion: Task<ExternalProcess.Result, Never>?
        for (index, id) in customers.enumerated() {
            if index == 6 {
                // The primary is lost as a power cut loses it; the standby is promoted a little later.
                let crashed = await ExternalProcess.run(Self.scripts.appendingPathComponent("ctl.sh").path, [primary, "crash"], timeoutSeconds: 60)
                try #require(crashed.exitCode == 0, "\(crashed.standardError)")
                promotion = Task {
                    try? await Task.sleep(for: .seconds(2))
                    return await ExternalProcess.run(Self.scripts.appendingPathComponent("ctl.sh").path, [standby, "promote"], timeoutSeconds: 60)
                }
            }
            let clock = ContinuousClock(), started = clock.now
            while clock.now - started < .seconds(90) {
                do {
                    let invoice = try TwoNodeTests.object(try await node.admin.request(
                        .POST, "/v1/invoices", json: #"{"customerId":\#(id),"from":"\#(today)","to":"\#(today)"}"#))
                    acknowledged.append(try #require(invoice["number"] as? String))
                    break
                } catch let problem as APIProblem {
                    refusals.append(problem.code)
                    // The answer was lost with the primary, the invoice was not: it is billed.
                    if problem.code == "nothing_to_invoice" { break }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
        }
        let promoted = await promotion?.value
        #expect(promoted?.exitCode == 0, "\(promoted?.standardError ?? "")")
        #expect(refusals.contains("database_unavailable"), "the outage was felt: \(refusals)")
        #expect(Set(refusals).isSubset(of: ["database_unavailable", "nothing_to_invoice"]), "503 while failing over, never a 500: \(refusals)")

        let listed = try #require(try JSONSerialization.jsonObject(with: Data(try await node.admin.request(.GET, "/v1/invoices"))) as? [[String: Any]])
        let numbers = listed.compactMap { $0["number"] as? String }.sorted()
        for number in acknowledged { #expect(numbers.contains(number), "invoice \(number) was acknowledged and is lost") }
        let year = String(today.prefix(4))
        #expect(numbers == (1...customers.count).map { String(format: "\(year)-%06d", $0) }, "one invoice per customer, numbered with no gap: \(numbers)")
        let audit = await ExternalProcess.run(Tools.buildDirectory.appendingPathComponent("assistd").path, ["audit", "verify", "--database", uri])
        #expect(audit.exitCode == 0, "\(audit.standardOutput)\(audit.standardError)")
    }
}
