import AssistTestSupport
import Foundation
import GRDB
import Testing

@testable import AssistStore

@Suite("assistd audit verify")
struct AuditCommandTests {
    @Test("reports an intact chain (exit 0), then the first tampered entry (exit 1)")
    func verify() async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = try await f.call(f.customerUser, "POST", "/v1/tickets",
                #"{"subject":"S","description":"D","productVersion":"1","problemClass":"standard"}"#)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/level", #"{"level":"consulting"}"#)
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/phone-install")
            _ = try await f.call(f.agent, "POST", "/v1/tickets/\(tid)/level", #"{"level":"development"}"#)
        }
        let assistd = Tools.buildDirectory.appendingPathComponent("assistd").path
        let recorded = try await AppDatabase.openFile(atPath: settings.databasePath).auditEntries(subject: nil).count
        #expect(recorded > 3, "the set-up's accounts and the three ticket entries")
        let intact = await ExternalProcess.run(assistd, ["audit", "verify", "--database", settings.databasePath])
        #expect(intact.exitCode == 0)
        #expect(intact.standardOutput.contains("The audit log is intact: \(recorded) entries"), "\(intact.standardOutput)")

        let database = try AppDatabase.openFile(atPath: settings.databasePath)
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER auditEntry_no_update; UPDATE auditEntry SET detail = 'nothing happened' WHERE id = 2")
        }
        let broken = await ExternalProcess.run(assistd, ["audit", "verify", "--database", settings.databasePath])
        #expect(broken.exitCode == 1)
        #expect(broken.standardError.contains("broken at entry 2: its content was changed"))
    }
}
